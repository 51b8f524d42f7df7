import { describe, expect, it } from "vitest";
import { splitClauses } from "../../src/policy/clauses.js";
import { clauseExclusion } from "../../src/policy/exclusions.js";
import { setup } from "./fixture.js";

const { screener, cues } = setup();
const exclusionOf = (text: string) => clauseExclusion(splitClauses(text)[0], cues);

describe("street stretches handed to communities (包干, 认领, 责任区)", () => {
  it("flags sweeping a public road assigned to communities as item 4", () => {
    const r = screener.screen("各位主任：卫生城市复审在即，解放路两侧人行道由沿街各社区分段包干，每天中午再扫一遍。");
    expect(r.flagged).toBe(true);
    expect(r.citations[0]).toBe("gansu/negative/4");
  });
  it("an inspection team coming is the occasion, not a department doing the work", () => {
    expect(exclusionOf("省暗访组本周到区里，请各社区负责迎宾大道的路面保洁")).toBeNull();
  });
  it("a community's own clean-up of its compound is not flagged", () => {
    const r = screener.screen("各社区：周六开展清洁家园活动，组织居民打扫小区楼道和院内道路。");
    expect(r.flagged).toBe(false);
  });
  it("a road swept by a sanitation firm, with the community only telling them, is not flagged", () => {
    const r = screener.screen("各社区：胜利街现在由环卫公司负责保洁，社区看到垃圾多了打电话给环卫所就行。");
    expect(r.flagged).toBe(false);
  });
});

describe("dedicated posts and plaques (专岗, 专职, 挂牌)", () => {
  it("由一名专职人员 is the community's own staff, not another body doing it", () => {
    expect(exclusionOf("各社区要设立退役军人服务专岗，由一名专职人员负责")).toBeNull();
  });
  it("不得兼任 keeps the post demand", () => {
    const r = screener.screen("各社区：普法工作专干要专职专用，不得兼任其他岗位，名单周三前报司法所。");
    expect(r.flagged).toBe(true);
    expect(r.category).toBe("burden");
  });
  it("a post set up for a safety topic is a post burden, not a safety inspection", () => {
    const r = screener.screen("各社区：请配备一名专职消防信息员，负责每周报送消防工作信息。");
    expect(r.category).toBe("burden");
  });
  it("existing staff doing a task sets up no post", () => {
    const r = screener.screen("本月的老年人信息核对由社区现有网格员负责，按原来的分工做就行。");
    expect(r.flagged).toBe(false);
  });
});

describe("companies and departments inspecting themselves", () => {
  it("是…自己的人查 is self-done", () => {
    expect(exclusionOf("下周二燃气公司来给和平里做安检，是燃气公司自己的人查")).toBe("self-done");
  });
  it("technicians coming themselves is self-done", () => {
    expect(exclusionOf("检测院后天给小区电梯做检测，检测人员自己上门")).toBe("self-done");
  });
  it("the community only reminding residents is not flagged", () => {
    const r = screener.screen("后天燃气公司入户查燃气表，都是他们自己的人查。请社区在群里提醒一下住户留人，腿脚不便的老人网格员陪一下。");
    expect(r.flagged).toBe(false);
  });
  it("a community told to do the home checks itself is flagged", () => {
    const r = screener.screen("各社区：燃气公司人手紧，请各社区组织网格员把辖区沿街饭馆的燃气管道查一遍，周五前报结果。");
    expect(r.flagged).toBe(true);
    expect(r.citations[0]).toBe("gansu/negative/7");
  });
  it("发现问题上报 after an ordered check does not make it a report", () => {
    expect(exclusionOf("请网格员逐家检查沿街小吃店的灭火器，发现问题及时上报应急办")).toBeNull();
  });
});
