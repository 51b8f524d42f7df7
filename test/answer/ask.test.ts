import { describe, expect, it } from "vitest";
import { createOfflineAsker } from "../../src/answer/ask.js";
import { createKnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../../src/policy/places.js";
import { realKb } from "../support/kb.js";

const kb = realKb();
const ask = createOfflineAsker(kb, createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION)));

describe("offline verdicts", () => {
  it.each([
    ["区里让我们社区去查沿街饭店的燃气管道和报警器，这是社区的事吗？", "negative", "gansu/negative/7"],
    ["街道让社区把小区里违规搭的彩钢棚都拆掉，这个归我们吗", "negative", "gansu/negative/2"],
    ["城管中队让社区每天派人去赶路边摊，合理吗？", "negative", "gansu/negative/4"],
    ["两户邻居因为停车位吵起来了，社区出面调解算本职吗？", "duty", "gansu/duty/4"],
    ["统计局让社区抽人去做经济普查，这要配合吗？", "assist", "gansu/assist/21"],
    ["居民来社区要开亲属关系证明，我们能开吗？", "negative", "national/no-certificate/1"],
  ])("%s → %s", (q, verdict, cite) => {
    const { result } = ask(q);
    expect(result.verdict).toBe(verdict);
    expect(result.citations.slice(0, 3)).toContain(cite);
  });

  it("puts the verdict and whose list first, quotes the item with its number, ids only in the footer", () => {
    const { result } = ask("街道让我们查辖区商铺的燃气，这是社区的事吗？");
    const lines = result.answer.split("\n");
    expect(lines[0]).toBe("【不属于社区职责 · 甘肃省负面清单】");
    expect(lines[1]).toMatch(/^甘肃省负面清单第7类（生产安全类）：“.*商户企业、工地、服务机构等单位消防和生产安全检查/);
    // Who should do it instead, named by the task.
    expect(result.answer).toContain("应由应急管理部门");
    // At most five lines before the hint, then the ids in one footer line.
    const hint = lines.indexOf("回复“详细”看依据和原文。");
    expect(hint).toBeGreaterThan(0);
    expect(hint).toBeLessThanOrEqual(5);
    expect(lines[hint + 1]).toMatch(/^引用：gansu\/negative\/7 · /);
    expect(lines.slice(0, hint).join("\n")).not.toMatch(/gansu\/|doc\//);
  });

  it("a certificate the committee must not issue says where residents should go", () => {
    const { result } = ask("居民要开无犯罪记录证明，社区能开吗");
    expect(result.answer.split("\n")[0]).toBe("【社区不应出具 · 全国证明清单】");
    expect(result.answer).toContain("公安机关");
  });

  it("says what the community may do instead of an inspection: report hazards", () => {
    const { result } = ask("应急局叫社区去查工厂的安全生产，我们该去吗？");
    expect(result.verdict).toBe("negative");
    expect(result.citations).toContain("gansu/duty/17");
    expect(result.answer).toContain("社区可以做：");
  });

  it("cites both sides when the question sits between two lists", () => {
    const { decision, result } = ask("防火检查到底是不是社区的事？一会儿说社区要搞防火检查，一会儿又说消防检查是负面清单的");
    expect(decision.sides).toBeDefined();
    expect(result.citations).toEqual(expect.arrayContaining(["gansu/duty/18", "gansu/negative/7"]));
    expect(result.answer.split("\n")[0]).toBe("【要看具体做什么 · 履职清单与负面清单】");
  });

  it("treats a task on no list as unlisted and explains the admission system", () => {
    const { result } = ask("有家健身房想让社区在居民群里推销他们的年卡，说给社区返点，这能做吗？");
    expect(result.verdict).toBe("unlisted");
    expect(result.answer).toContain("准入制度");
    expect(result.citations.every((c) => c.startsWith("doc/"))).toBe(true);
  });

  it("answers factual questions from the documents", () => {
    const { result } = ask("重庆减负以后，对社区的评比项目平均减到了几项？");
    expect(result.verdict).toBe("info");
    expect(result.citations[0]).toMatch(/^doc\/chongqing-2022-166#p\d+$/);
    expect(result.answer).toContain("评比项目平均从25项减少到7项");
  });

  it("summarises a whole list when asked about it", () => {
    const { result } = ask("负面清单总共有几类？");
    expect(result.verdict).toBe("info");
    expect(result.answer).toContain("共 7 项");
    // The document that publishes the list first, then its items.
    expect(result.citations[0]).toMatch(/^doc\/huanxian-2023#p\d+$/);
    expect(result.citations[1]).toBe("gansu/negative/1");
  });

  it("takes the list from the document a question names", () => {
    const { result } = ask("国家那个不该由社区开的证明清单，第一批一共多少项？");
    expect(result.verdict).toBe("info");
    expect(result.answer).toContain("共 20 项");
    expect(result.citations[0]).toMatch(/^doc\/national-2020-no-certificates#p\d+$/);
  });

  it("declines unrelated questions without citations", () => {
    const { result } = ask("周末去哪里爬山比较好？");
    expect(result.verdict).toBe("out_of_scope");
    expect(result.citations).toEqual([]);
  });

  it("answers a follow-up in the context of the previous question", () => {
    const prev = "街道让我们去查商铺的煤气罐，归社区管吗？";
    const followed = ask("那锅炉呢？", [prev]);
    expect(followed.result.verdict).toBe("negative");
    expect(followed.result.citations[0]).toBe("gansu/negative/7");
    // A follow-up naming another task switches to it.
    const other = ask("那反诈宣传呢", ["禁毒宣传是社区的事吗"]);
    expect(other.result.citations[0]).not.toBe("gansu/assist/6");
  });

  it("a follow-up about the previous answer keeps its verdict and citations and answers the point", () => {
    const prev = ["街道让我们查商铺燃气，这是社区的事吗？"];
    const first = ask(prev[0]).result;
    const why = ask("为什么？", prev).result;
    expect([why.verdict, why.citations]).toEqual([first.verdict, first.citations]);
    expect(why.answer).toContain("非责任主体");
    expect(why.answer).toContain("不具有主体资格和专业资质");
    const reply = ask("那我们怎么回复街道？", prev).result;
    expect(reply.citations).toEqual(first.citations);
    expect(reply.answer).toContain("可以这样回复");
    expect(reply.answer).toContain("甘肃省负面清单第7类");
    expect(ask("给钱的话可以做吗？", prev).result.answer).toContain("不论是否付费购买");
    expect(ask("详细", prev).result.answer).toContain("原文出处：");
    // With nothing before it, "为什么？" asks about nothing.
    expect(ask("为什么？").result.verdict).toBe("out_of_scope");
  });

  it("reads fragments, traditional characters and small talk", () => {
    expect(ask("禁毒宣传").result.citations[0]).toBe("gansu/assist/6");
    expect(ask("调解民间纠纷").result.verdict).toBe("duty");
    const hello = ask("你好").result;
    expect([hello.verdict, hello.citations, hello.answer.split("\n").length]).toEqual(["out_of_scope", [], 1]);
    expect(ask("谢谢！").result.answer).toMatch(/^不客气/);
  });

  it("cites only ids that exist", () => {
    for (const q of ["社区要管电梯吗", "拆违归社区吗", "低保入户要社区陪同吗", "官渡区现在居委会能开几种证明", "帮我写首诗"]) {
      for (const id of ask(q).result.citations) expect(kb.get(id), id).toBeDefined();
    }
  });
});
