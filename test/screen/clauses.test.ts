import { describe, expect, it } from "vitest";
import { mentionsAll, screenNormalize, splitClauses } from "../../src/policy/clauses.js";

describe("splitClauses", () => {
  it("splits on sentence marks and newlines", () => {
    const cs = splitClauses("各社区：请周五前报表。收到请回复！\n谢谢；辛苦了");
    expect(cs.map((c) => c.text)).toEqual(["各社区:请周五前报表", "收到请回复", "谢谢", "辛苦了"]);
  });

  it("splits before numbered points and strips the numbers", () => {
    const cs = splitClauses("【通知】各社区：1. 报送普查进度；2、做好值班安排；3. 逐店检查燃气。");
    expect(cs.map((c) => c.text)).toEqual(["【通知】各社区:", "报送普查进度", "做好值班安排", "逐店检查燃气"]);
    expect(cs.slice(1).every((c) => c.numbered)).toBe(true);
    expect(cs[3].index).toBe(3);
  });

  it("knows ①, （一） and 一、 points", () => {
    expect(splitClauses("①统计人数 ②上报名单").map((c) => c.text)).toEqual(["统计人数", "上报名单"]);
    expect(splitClauses("（一）清理杂物\n（二）张贴通知").map((c) => c.text)).toEqual(["清理杂物", "张贴通知"]);
    expect(splitClauses("工作安排：一、排查范围；二、时间安排").map((c) => c.text)).toEqual(["工作安排:", "排查范围", "时间安排"]);
  });

  it("does not split decimals or dates", () => {
    expect(splitClauses("补助1.5元，5月20日前完成").map((c) => c.text)).toEqual(["补助1.5元,5月20日前完成"]);
  });

  it("marks questions", () => {
    const cs = splitClauses("这个归社区管吗？先报上去。");
    expect(cs.map((c) => c.question)).toEqual([true, false]);
  });

  it("keeps the text after @所有人", () => {
    expect(mentionsAll("@所有人请各社区周五前报表")).toBe(true);
    expect(screenNormalize("@所有人请各社区周五前报表")).toBe("请各社区周五前报表");
    expect(splitClauses("@所有人 各社区请注意")[0].text).toBe("各社区请注意");
  });
});
