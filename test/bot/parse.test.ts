import { describe, expect, it } from "vitest";
import { parseCheck, parseCommand, stripMention } from "../../bot/commands/parse.js";

const p = (text: string) => parseCommand(text, "减负助手");

describe("parseCommand", () => {
  it("strips the @-mention, including DingTalk's odd spaces", () => {
    expect(stripMention("@减负助手\u2005 帮助 ", "减负助手")).toBe("帮助");
    expect(p("@减负助手 帮助")).toEqual({ kind: "help" });
    expect(p("@减负助手")).toEqual({ kind: "help" });
  });

  it("parses search with or without a space", () => {
    expect(p("搜 证明")).toEqual({ kind: "search", query: "证明" });
    expect(p("搜索：燃气 检查")).toEqual({ kind: "search", query: "燃气 检查" });
    expect(p("搜证明")).toEqual({ kind: "search", query: "证明" });
    expect(p("搜")).toEqual({ kind: "search", query: "" });
  });

  it("parses whole lists by their short names", () => {
    expect(p("清单 负面")).toEqual({ kind: "list", list: "negative" });
    expect(p("清单 履职")).toEqual({ kind: "list", list: "duty" });
    expect(p("清单协助")).toEqual({ kind: "list", list: "assist" });
    expect(p("清单 证明")).toEqual({ kind: "list", list: "no-certificate" });
    expect(p("负面清单")).toEqual({ kind: "list", list: "negative" });
    expect(p("清单")).toEqual({ kind: "list", list: null });
    // A question that starts with 清单 is still a question.
    expect(p("清单里有燃气检查吗").kind).toBe("ask");
  });

  it("parses items by number or id", () => {
    expect(p("第7项")).toEqual({ kind: "item-number", number: 7, list: null });
    expect(p("第 12 项")).toEqual({ kind: "item-number", number: 12, list: null });
    expect(p("履职第3项")).toEqual({ kind: "item-number", number: 3, list: "duty" });
    expect(p("负面清单第7条")).toEqual({ kind: "item-number", number: 7, list: "negative" });
    expect(p("gansu/negative/7")).toEqual({ kind: "item", id: "gansu/negative/7" });
  });

  it("parses supervisor commands", () => {
    expect(p("汇总")).toEqual({ kind: "digest" });
    expect(p("确认 12")).toEqual({ kind: "review", status: "confirmed", flagId: 12 });
    expect(p("确认#3")).toEqual({ kind: "review", status: "confirmed", flagId: 3 });
    expect(p("误报 12 街道自己去查")).toEqual({ kind: "review", status: "dismissed", flagId: 12, note: "街道自己去查" });
  });

  it("treats everything else as a question, mention removed", () => {
    expect(p("@减负助手 街道让我们查燃气，这是社区的事吗？")).toEqual({
      kind: "ask",
      question: "街道让我们查燃气，这是社区的事吗？",
    });
    expect(p("那锅炉呢？")).toEqual({ kind: "ask", question: "那锅炉呢？" });
    expect(p("确认一下燃气检查归谁").kind).toBe("ask");
  });
});

describe("核查", () => {
  it("keeps the pasted notice and reads source and sender lines", () => {
    const cmd = p("核查\n来源：XX街道工作群 / 发送人：王某\n各社区：请于周五前完成辖区商铺燃气安全检查。");
    expect(cmd).toEqual({
      kind: "check",
      text: "各社区：请于周五前完成辖区商铺燃气安全检查。",
      group: "XX街道工作群",
      sender: "王某",
    });
  });

  it("works with the fields on separate lines, after the text, or absent", () => {
    expect(parseCheck("请各社区上报电梯台账\n来源: 安监群\n发送人: 李四")).toEqual({
      kind: "check",
      text: "请各社区上报电梯台账",
      group: "安监群",
      sender: "李四",
    });
    expect(p("核查 请各社区上报电梯台账")).toEqual({ kind: "check", text: "请各社区上报电梯台账" });
    expect(p("核查")).toEqual({ kind: "check", text: "" });
    expect(p("核查（同意署名）请各社区上报电梯台账")).toEqual({ kind: "check", text: "请各社区上报电梯台账", consent: true });
  });
});

describe("核查 pasted on one line", () => {
  it("reads the fields and keeps the rest as the notice", () => {
    expect(parseCommand("核查 来源：安监群 发送人：王某 各社区请于周五前上报电梯台账", "减负助手")).toEqual({
      kind: "check",
      text: "各社区请于周五前上报电梯台账",
      group: "安监群",
      sender: "王某",
    });
    expect(parseCheck("各社区请上报电梯台账（来源：安监群，发送人：王某）")).toEqual({
      kind: "check",
      text: "各社区请上报电梯台账",
      group: "安监群",
      sender: "王某",
    });
  });
});

describe("lookups as workers type them", () => {
  it("reads Chinese numerals, 类 and list names before the number", () => {
    expect(p("第七项")).toEqual({ kind: "item-number", number: 7, list: null });
    expect(p("负面清单第七项")).toEqual({ kind: "item-number", number: 7, list: "negative" });
    expect(p("第十二条")).toEqual({ kind: "item-number", number: 12, list: null });
    expect(p("负面第7类")).toEqual({ kind: "item-number", number: 7, list: "negative" });
    expect(p("协助清单第二十项")).toEqual({ kind: "item-number", number: 20, list: "assist" });
    expect(p("履职清单的第二十三项")).toEqual({ kind: "item-number", number: 23, list: "duty" });
    expect(p("看看负面清单第七类")).toEqual({ kind: "item-number", number: 7, list: "negative" });
    expect(p("第７项")).toEqual({ kind: "item-number", number: 7, list: null });
  });

  it("keeps questions about an item as questions", () => {
    expect(p("第七项是什么意思？").kind).toBe("ask");
    expect(p("负面清单第七项里的电梯包括加装电梯吗").kind).toBe("ask");
    expect(p("七项工作都要做吗").kind).toBe("ask");
  });

  it("opens a whole list after a verb of looking", () => {
    expect(p("看看负面清单")).toEqual({ kind: "list", list: "negative" });
    expect(p("看一下履职清单")).toEqual({ kind: "list", list: "duty" });
    expect(p("打开证明清单")).toEqual({ kind: "list", list: "no-certificate" });
    expect(p("看看可出具证明清单")).toEqual({ kind: "list", list: "certificate" });
    expect(p("看看负面清单里有没有燃气").kind).toBe("ask");
  });

  it("searches with 查 only after a space or colon", () => {
    expect(p("查 电梯")).toEqual({ kind: "search", query: "电梯" });
    expect(p("查：电梯")).toEqual({ kind: "search", query: "电梯" });
    expect(p("查:电梯 锅炉")).toEqual({ kind: "search", query: "电梯 锅炉" });
    expect(p("搜 电梯")).toEqual({ kind: "search", query: "电梯" });
    expect(p("查商铺燃气归谁管").kind).toBe("ask");
    expect(p("查 商铺燃气归谁管？").kind).toBe("ask");
    expect(p("核查 请各社区上报电梯台账").kind).toBe("check");
  });

  it("takes a full-width ＠ as a mention", () => {
    expect(stripMention("＠减负助手 帮助", "减负助手")).toBe("帮助");
    expect(p("＠减负助手\u2005第七项")).toEqual({ kind: "item-number", number: 7, list: null });
    expect(p("＠减负助手 街道让我们查燃气，这是社区的事吗？")).toEqual({ kind: "ask", question: "街道让我们查燃气，这是社区的事吗？" });
  });

  it("opens a source document or one of its passages", () => {
    expect(p("doc/huanxian-2023#p130")).toEqual({ kind: "doc", id: "doc/huanxian-2023#p130" });
    expect(p("doc/guandu-2022-61")).toEqual({ kind: "doc", id: "doc/guandu-2022-61" });
    expect(p("doc/ 是什么").kind).toBe("ask");
  });
});

describe("地区 and 为什么 N", () => {
  it("views or sets the chat's region", () => {
    expect(p("地区")).toEqual({ kind: "region" });
    expect(p("地区？")).toEqual({ kind: "region" });
    expect(p("本群地区是哪里")).toEqual({ kind: "region" });
    expect(p("地区 云南省昆明市西山区")).toEqual({ kind: "region", place: "云南省昆明市西山区" });
    expect(p("地区：西山区")).toEqual({ kind: "region", place: "西山区" });
    expect(p("地区云南省昆明市西山区")).toEqual({ kind: "region", place: "云南省昆明市西山区" });
    expect(p("地区 云南省 昆明市 西山区")).toEqual({ kind: "region", place: "云南省昆明市西山区" });
    expect(p("设置地区 火星")).toEqual({ kind: "region", place: "火星" });
    expect(p("地区 清除")).toEqual({ kind: "region", clear: true });
  });

  it("leaves questions that begin with 地区 as questions", () => {
    expect(p("地区差异怎么处理").kind).toBe("ask");
    expect(p("地区 不同的清单能一样吗？").kind).toBe("ask");
    expect(p("地区性的规定社区要执行吗").kind).toBe("ask");
    expect(p("地区 西山区社区要查燃气").kind).toBe("ask");
  });

  it("为什么 N asks about a flag; 为什么？ stays a follow-up question", () => {
    expect(p("为什么 1")).toEqual({ kind: "why", flagId: 1 });
    expect(p("为什么#12")).toEqual({ kind: "why", flagId: 12 });
    expect(p("为啥 3号")).toEqual({ kind: "why", flagId: 3 });
    expect(p("为什么？")).toEqual({ kind: "ask", question: "为什么？" });
    expect(p("为什么第7类不归社区").kind).toBe("ask");
    expect(p("为什么社区不能查燃气").kind).toBe("ask");
  });
});
