import { describe, expect, it } from "vitest";
import { setup } from "./fixture.js";

const { screener } = setup();
const burden = (text: string) => {
  const r = screener.screen(text);
  expect(r.flagged, text).toBe(true);
  expect(r.category).toBe("burden");
  expect(r.citations.length).toBeGreaterThan(0);
  return r;
};

describe("burdens", () => {
  it("new plaques and 制度上墙", () => {
    const r = burden("各社区：请在社区办公室门口挂上“退役军人服务站”的牌子，下周区里来检查验收。");
    expect(r.citations[0]).toMatch(/^doc\/huanxian-2023/);
    expect(r.reason).toContain("挂牌");
  });

  it("专人专岗 and new working bodies", () => {
    burden("各社区：每个社区要配一名专职的安全生产信息员，名单本周报上来。");
    burden("各社区：请每个社区成立平安建设工作领导小组，设立办公室，下周检查。");
  });

  it("app and account quotas", () => {
    const r = burden("各社区：请动员居民下载国家反诈中心APP，每个社区注册不少于300人，每周一报截图，街道排名通报。");
    // The place's own document first (Gansu's plan), then the rule of the Kunming reply.
    expect(r.citations[0]).toMatch(/^doc\/huanxian-2023/);
    expect(r.citations.some((c) => c.startsWith("doc/xishan-2020-41"))).toBe(true);
    burden("各社区：请动员居民关注“XX发布”公众号，每个社区新增关注不少于200人，周五报截图。");
  });

  it("no quota, no burden: a plain call to follow an account", () => {
    expect(screener.screen("欢迎大家关注街道公众号，了解最新活动").flagged).toBe(false);
  });

  it("extra 台账, daily photos and double copies", () => {
    burden("各社区：从明天起，每天下午5点前把网格巡查照片上传到群里，每人不少于5张。");
    burden("各社区：请把今年的人口信息、走访记录都整理成台账，纸质版和电子版各一套，月底迎检。");
  });

  it("certificates communities must not issue, cited to the national list", () => {
    const a = burden("各社区：派出所说以后居民办户口需要的亲属关系证明，由社区开具后盖章。");
    expect(a.citations[0]).toBe("national/no-certificate/1");
    const b = burden("各社区：居民办理公积金提取需要无房证明的，请社区给出具，盖社区公章。");
    expect(b.citations[0]).toBe("national/no-certificate/17");
    expect(b.reason).toContain("居民财产证明");
  });

  it("a resident asking for a certificate is not a burden", () => {
    expect(screener.screen("社区能开无犯罪记录证明吗？居民急着要").flagged).toBe(false);
  });

  it("一票否决 in assessing communities, but not its abolition", () => {
    burden("各社区：今年的创文工作实行一票否决，哪个社区出问题全年考核不合格。");
    expect(screener.screen("按照减负方案，对社区工作的一票否决事项已逐步取消。").flagged).toBe(false);
  });

  it("a negative-list push outranks a burden in the same notice", () => {
    const r = screener.screen("各社区：请每天对辖区餐馆燃气使用情况逐店检查，检查照片每天上传，建立检查台账。");
    expect(r).toMatchObject({ flagged: true, category: "negative" });
    expect(r.citations[0]).toBe("gansu/negative/7");
  });
});
