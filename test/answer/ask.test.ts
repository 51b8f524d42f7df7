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

  it("puts the verdict first, quotes the item with its number and cites it", () => {
    const { result } = ask("街道让我们查辖区商铺的燃气，这是社区的事吗？");
    const lines = result.answer.split("\n");
    expect(lines[0]).toBe("【不属于社区职责 · 负面清单】");
    expect(result.answer).toContain("第7项（生产安全类）");
    expect(result.answer).toContain("“辖区电梯、锅炉等特种设备安全检查");
    expect(result.answer).toMatch(/\[1\] gansu\/negative\/7/);
  });

  it("says what the community may do instead of an inspection: report hazards", () => {
    const { result } = ask("应急局叫社区去查工厂的安全生产，我们该去吗？");
    expect(result.verdict).toBe("negative");
    expect(result.citations).toContain("gansu/duty/17");
    expect(result.answer).toContain("社区可以做的");
  });

  it("cites both sides when the question sits between two lists", () => {
    const { decision, result } = ask("防火检查到底是不是社区的事？一会儿说社区要搞防火检查，一会儿又说消防检查是负面清单的");
    expect(decision.sides).toBeDefined();
    expect(result.citations).toEqual(expect.arrayContaining(["gansu/duty/18", "gansu/negative/7"]));
    expect(result.answer).toContain("要看具体情况");
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
    const alone = ask("那锅炉呢？");
    const followed = ask("那锅炉呢？", [prev]);
    expect(alone.result.verdict).not.toBe("negative");
    expect(followed.result.verdict).toBe("negative");
    expect(followed.result.citations[0]).toBe("gansu/negative/7");
  });

  it("cites only ids that exist", () => {
    for (const q of ["社区要管电梯吗", "拆违归社区吗", "低保入户要社区陪同吗", "官渡区现在居委会能开几种证明", "帮我写首诗"]) {
      for (const id of ask(q).result.citations) expect(kb.get(id), id).toBeDefined();
    }
  });
});
