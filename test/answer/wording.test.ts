import { describe, expect, it } from "vitest";
import { createOfflineAsker } from "../../src/answer/ask.js";
import { createKnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../../src/policy/places.js";
import { realKb } from "../support/kb.js";

const kb = realKb();
const ask = createOfflineAsker(kb, createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION)));
const verdictOf = (q: string) => ask(q).result;

/** The question gets `verdict`, with `cite` first (or among the first three when `top3`). */
function expectAnswer(q: string, verdict: string, cite: string, top3 = false): void {
  const r = verdictOf(q);
  expect(r.verdict, q).toBe(verdict);
  if (top3) expect(r.citations.slice(0, 3), q).toContain(cite);
  else expect(r.citations[0], q).toBe(cite);
}

describe("village committees are the rural community", () => {
  it("reads a task handed to 各村 or 村两委 as handed to the community", () => {
    expectAnswer("乡里让各村把路边那几处私搭的棚子拆了，村两委干这个合适吗", "negative", "gansu/negative/2");
  });
});

describe("asking what to do about something", () => {
  it("is community business when a listed task is named outright", () => {
    expectAnswer("楼后空地上有人偷偷种罂粟，该怎么办？", "duty", "gansu/duty/16");
  });

  it("is not when nothing on the lists is named", () => {
    expect(verdictOf("家里路由器老掉线该怎么办？").verdict).toBe("out_of_scope");
  });
});

describe("what is checked decides the item", () => {
  it("sending workers to look at a business's gas and wiring is the safety inspection (7)", () => {
    expectAnswer("市场所让网格员去看看那几家面馆的液化气罐和插座，这归我们管吗", "negative", "gansu/negative/7");
  });

  it("special equipment is the regulator's to inspect wherever it stands", () => {
    expectAnswer("质监那边让社区每周去各小区看一遍扶梯和客梯，这是我们的活吗", "negative", "gansu/negative/7");
  });

  it("reporting what was seen at a business stays the community's duty", () => {
    const r = verdictOf("巡查时看到一家面馆后门堆了好多煤气罐，我们能做的就是往上报吧？");
    expect(r.verdict).not.toBe("negative");
  });

  it("a check said not to be one does not count", () => {
    const r = verdictOf("想组织楼里的老人学学用灭火器，再搞个义务消防队，社区能牵头吗？不是去查商铺那种");
    expect(r.verdict).not.toBe("negative");
  });
});

describe("facts about the documents", () => {
  it("a note of a list, asked about in everyday words, is a fact question", () => {
    const r = verdictOf("负面清单的备注里是不是说了，部门花钱买服务也不行？原文咋说的");
    expect(r.verdict).toBe("info");
    expect(r.citations.some((c) => c.startsWith("doc/huanxian-2023"))).toBe(true);
  });

  it("the document of the certificate list is found by its count", () => {
    const r = verdictOf("那20项证明是哪个文件规定的？");
    expect(r.verdict).toBe("info");
    expect(r.citations[0]).toMatch(/^doc\/national-2020-no-certificates/);
  });

  it("an item's number or basis cites the item first", () => {
    expectAnswer("协助清单里劝返辍学学生那一条是第几条，依据是哪部法？", "info", "gansu/assist/24");
  });
});

describe("commercial requests", () => {
  it("a bank's salesperson asking for customers is on no list", () => {
    const r = verdictOf("信用社的客户经理想让网格员每人拉几个老人来开户，社区该接吗");
    expect(r.verdict).toBe("unlisted");
  });
});

describe("phone typing and everyday certificate wording", () => {
  it("reads sq as 社区", () => {
    expectAnswer("教育局让sq去家里劝返一个辍学的初中生 要我们去吗", "assist", "gansu/assist/24");
  });

  it.each([
    ["小区有人找社区开个证明，证明他名下没房子，能开吗", "national/no-certificate/17"],
    ["有人应聘要社区开证明说他没犯过罪，这个章能盖吗", "national/no-certificate/5"],
    ["居民要社区证明她还没结婚，单位要的，能开吗", "national/no-certificate/8"],
  ])("%s → %s", (q, cite) => expectAnswer(q, "negative", cite));

  it("asking whether reporting a hazard seen is 我们的事 is in scope", () => {
    expectAnswer("巡楼时看到一家小饭馆把煤气罐堆在门口，我们能做的是往上报吗？这算我们的事不", "duty", "gansu/duty/17");
  });
});

describe("questions that name no list but a place or a number", () => {
  it("a phone number of a police station is not community work", () => {
    expect(verdictOf("辖区派出所户籍窗口的电话是多少？").verdict).toBe("out_of_scope");
  });

  it("counting something for a department is a task handed over, not a fact question", () => {
    expect(verdictOf("区文旅局让社区统计辖区有多少家民宿、多少张床位，这个该我们做吗？").verdict).toBe("unlisted");
  });
});

describe("seeing a hazard and the street", () => {
  it("a hazard seen on a round, with nobody handing a check, is about reporting it", () => {
    expectAnswer("走访时发现一家小超市里私拉电线给电动车充电，我们能做点啥？", "duty", "gansu/duty/17");
  });

  it.each([
    "环卫所人手不够，让社区每天派人把小区外面那条主干道扫一遍，合理吗？",
    "街道让网格员每天早上去菜市场门口把占着人行道卖菜的赶走，这是我们的活吗？",
  ])("%s → negative/4 by definition", (q) => {
    const r = verdictOf(q);
    expect(r.verdict).toBe("negative");
    expect(r.citations[0]).toBe("gansu/negative/4");
  });
});

describe("more everyday wording", () => {
  it.each([
    ["交警在路口设了个劝导岗，让社区每天派人站岗管不戴头盔的，要承担吗", "negative", "gansu/negative/7"],
    ["台风过后马路边几棵行道树歪了，街道让社区自己找人去锯，这算社区的事吗", "negative", "gansu/negative/4"],
    ["村里有个老汉被儿子赶出家门了，社区要不要出面帮他讨个说法", "duty", "gansu/duty/7"],
    ["楼上漏水把楼下泡了，两家吵到社区来了，我们要出面调一调吧", "duty", "gansu/duty/4"],
    ["教育局说村里有个娃初二就不念了，让村干部去家里劝回来，这归我们吗", "assist", "gansu/assist/24"],
  ])("%s → %s", (q, verdict, cite) => expectAnswer(q, verdict, cite));

  it("delivering a court's papers is on no list", () => {
    expect(verdictOf("法院让社区帮忙给居民送传票，人一直不在家，社区有这个义务吗").verdict).toBe("unlisted");
  });
});

describe("everyday wording, continued", () => {
  it.each([
    ["有个老板想在中山路盘个铺子开超市，街道让我陪着去看场地、帮着谈房租，社区干这个合适吗", "negative", "gansu/negative/5"],
    ["市场所让社区给菜市场那几家熟食摊评个A、B、C三档去打分，这能落我们头上吗", "negative", "gansu/negative/1"],
    ["小学门口放学时全是卖炸串的小推车把路都堵了，城管让社区天天派人去撵，这是社区的事吗", "negative", "gansu/negative/4"],
    ["能不能组织家属院的老人搞一次地震逃生演练？", "duty", "gansu/duty/19"],
    ["消防站想来小区搞防火知识宣传、发发传单，要社区配合，我们接吧？", "assist", "gansu/assist/7"],
  ])("%s → %s", (q, verdict, cite) => expectAnswer(q, verdict, cite));
});

describe("certificates described, not named", () => {
  it.each([
    ["医保报销让社区证明他俩是夫妻，这个还能开吗", "national/no-certificate/1"],
    ["殡仪馆要社区先开个人已经过世的证明，我们开吗", "national/no-certificate/11"],
    ["孩子想免修体育，老师让社区证明孩子有哮喘，这是我们开的吗", "national/no-certificate/12"],
    ["老家要我证明在这边只生了一个孩子、没超生，让社区开，可以吗", "national/no-certificate/14"],
    ["办签证要家里有房有车的证明，能让社区出吗", "national/no-certificate/17"],
    ["办执照要社区证明那间门面能用来做生意，这种证明我们开不开", "national/no-certificate/19"],
  ])("%s → %s", (q, cite) => expectAnswer(q, "negative", cite, true));

  it("what a document says about a certificate is a fact question", () => {
    expect(verdictOf("官渡那边居委会现在还能开哪种证明？").verdict).toBe("info");
    expect(verdictOf("环县那个方案里，整改阶段要求哪天之前把情况报上去？").verdict).toBe("info");
  });
});

describe("papers asked of the community", () => {
  it("a listed certificate told in a story wins over the story's topic", () => {
    expectAnswer("学校让家长找社区开证明，说孩子有哮喘不能参加运动会，能开吗？", "negative", "national/no-certificate/12");
  });

  it("a paper on no list is a task on no list", () => {
    expect(verdictOf("律师让居民找社区出个证明，写明楼上半夜装修噪音扰民，这种证明社区能出吗？").verdict).toBe("unlisted");
  });
});

describe("stories at the counter and publicity stalls", () => {
  it.each([
    ["小伙子的毕业证搬家弄丢了，学校让他找社区证明证书确实丢了，能开吗", "national/no-certificate/20"],
    ["银行让阿姨回社区开证明，说明她是老人的亲闺女，能写吗", "national/no-certificate/1"],
    ["孩子考试那天发高烧在家，学校要社区证明孩子当天病着，能开吗", "national/no-certificate/12"],
  ])("%s → %s", (q, cite) => expectAnswer(q, "negative", cite, true));

  it("a stall for the community's own publicity is no street vending", () => {
    expectAnswer("派出所让我们在小区门口摆摊讲毒品的危害，这个归社区配合吧", "assist", "gansu/assist/6");
  });

  it("reporting a hazard seen by phone is the duty to report", () => {
    expectAnswer("路过看见一家小作坊半夜往小罐里倒灌煤气，我们打电话告诉应急局，这算不算多管闲事", "duty", "gansu/duty/17");
  });
});

describe("a check handed over, with its results to be reported", () => {
  it("is still the check", () => {
    expectAnswer("应急办让社区去几家小修理厂、洗车店查灭火器和电线，还要拍照上报，这归我们吗？", "negative", "gansu/negative/7");
  });
});
