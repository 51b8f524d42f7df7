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
