import { describe, expect, it } from "vitest";
import { splitClauses } from "../../src/policy/clauses.js";
import { clauseExclusion } from "../../src/policy/exclusions.js";
import { setup } from "./fixture.js";

const { screener, cues } = setup();
const flagged = (text: string, ...items: number[]) => {
  const r = screener.screen(text);
  expect(r.flagged, text).toBe(true);
  expect(r.category, text).toBe("negative");
  expect(items.map((n) => `gansu/negative/${n}`), text).toContain(r.citations[0]);
};
const notFlagged = (text: string) => expect(screener.screen(text).flagged, text).toBe(false);
const exclusionOf = (text: string) => clauseExclusion(splitClauses(text)[0], cues);

describe("the community doing it on its own is still the community doing it", () => {
  it("自行/自己 with the community as subject is no department doing the work", () => {
    expect(exclusionOf("请各社区自行组织人员把桥下河滩的垃圾清运干净")).toBeNull();
    expect(exclusionOf("由区环卫所自行组织人员清运河滩垃圾，社区不用管")).toBe("self-done");
    flagged("@所有人 下周汛前，沿河各社区自己组织十个人，把排洪沟里的淤泥和垃圾掏干净，清运量报水务站。", 3);
  });
});

describe("a forward marker relays an order", () => {
  it("【转发】 or 转发…： heading the message is not the community forwarding something", () => {
    expect(exclusionOf("【转发】区应急局：请各社区对辖区五金店逐家检查灭火器")).toBeNull();
    expect(exclusionOf("转发区应急局通知：请各社区对辖区五金店逐家检查灭火器")).toBeNull();
    // Forwarding to residents in the body still is notifying.
    expect(exclusionOf("各社区：请把区应急局的防火倡议转发到居民群")).toBe("notify-only");
  });
  it("going through buildings one by one (逐栋) is doing the check", () => {
    flagged("【转发】区住建局：请各社区对辖区沿街自建房逐栋核查有无私自加层、破坏承重墙，本月底前报结果。", 2, 4);
  });
});

describe("reports to a department", () => {
  it("asking a department to send someone to check (查一下) is a report", () => {
    notFlagged("@区市场监管局 赵科 报告一下：我们网格员看到XX街那家卤菜店后厨很脏，苍蝇多，麻烦你们安排人来查一下。");
    notFlagged("安监站的同志，XX路那个木器厂天天喷漆，味道很大，请你们派人过来查查。");
  });
  it("a worker told to check is still ordered", () => {
    flagged("各社区：请派人去辖区木器加工厂查一下喷漆房有没有灭火器，周四前报安监站。", 7);
  });
});

describe("food supply checks are item 1", () => {
  it("cold stores and frozen goods checked for quarantine papers and trace codes", () => {
    flagged("各社区：请对辖区冷藏库、冻品店逐家查验检疫证明和追溯码，没有的先封存。", 1);
  });
  it("sealing goods on the spot is enforcement even beside an assist topic", () => {
    flagged("请各网格员到辖区生鲜店看看冻肉来源，说不清的就地封存。", 1);
  });
  it("a department checking itself, the community only telling shops", () => {
    notFlagged("区市场监管局下周对冷库开展检查，由执法人员负责，请各社区提前通知冷库老板在场。");
  });
});

describe("service points are businesses for fire checks", () => {
  it("express parcel stations checked for fire safety cite item 7 first", () => {
    flagged("各社区：请把辖区菜鸟驿站、快递点都过一遍，看看消防通道和灭火器，不合格的让老板整改。", 7);
  });
  it("a community service station named 驿站 is no business", () => {
    const r = screener.screen("各社区：请在社区服务站门口挂上'暖心驿站'牌子，挂好拍照上传。");
    expect(r.category).toBe("burden");
  });
});
