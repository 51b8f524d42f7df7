import { describe, expect, it } from "vitest";
import { setup } from "./fixture.js";

const { screener } = setup();
const screen = (t: string, sender?: string) => screener.screen(t, { sender });

describe("negative-list pushes", () => {
  it.each([
    ["各位书记：这周五前把各自小区里的电动车充电桩都查一遍，看看有没有私拉电线的，查完拍照发群里。", "gansu/negative/7"],
    ["@所有人 城管那边人手不够，麻烦各社区派人把沿街楼顶的广告牌拆了，月底前拆完。", "gansu/negative/2"],
    ["各社区：税务局让帮忙摸一下辖区开网店的居民，核对一下他们的网店流水，下周三前交表。", "gansu/negative/6"],
    ["各社区：请本周内统计一下辖区内的树有多少棵、绿地有多大面积，表格周五交城建科。", "gansu/negative/3"],
    ["【紧急】各社区马上组织人把小区周边马路边摆摊卖菜的劝走，务必清干净。", "gansu/negative/4"],
    ["各社区：今年招商任务分下来了，每个社区至少引进一个企业项目，年底考核。", "gansu/negative/5"],
    ["各社区：辖区超市、便利店有没有卖烟花爆竹的，请社区逐家排查，发现违规销售的没收上交。", "gansu/negative/7"],
    ["各社区：请对辖区网吧、歌舞厅逐家检查经营许可证，无证经营的责令停业。", "gansu/negative/1"],
  ])("%s", (text, item) => {
    const r = screen(text);
    expect(r.flagged).toBe(true);
    expect(r.category).toBe("negative");
    expect(r.citations[0]).toBe(item);
    expect(r.reason).toMatch(/负面清单第\d类/);
  });

  it("sees through 协助/配合 when the community would do the inspection", () => {
    const r = screen("各社区：请配合区卫健局对辖区理发店、宾馆开展卫生检查，查看卫生许可证和消毒记录，发现问题当场责令整改。");
    expect(r).toMatchObject({ flagged: true, category: "negative" });
    expect(r.citations[0]).toBe("gansu/negative/1");
    expect(r.reason).toContain("名为协助配合");
  });

  it("still flags a paid-for push", () => {
    const r = screen("各社区：区里出钱买服务，每查一家商户补助20元，请各社区本月把辖区商户的消防安全都查一遍。");
    expect(r).toMatchObject({ flagged: true, category: "negative" });
    expect(r.citations[0]).toBe("gansu/negative/7");
  });

  it("finds the task buried in point 3 of a long notice", () => {
    const r = screen(
      "【工作通知】各社区：\n1. 本周五前报送人口普查进度；\n2. 做好防汛值班安排；\n3. 组织人员对辖区小餐馆的燃气管道和报警器逐一检查，不合格的责令停用；\n4. 收到请回复。",
    );
    expect(r).toMatchObject({ flagged: true, category: "negative" });
    expect(r.citations[0]).toBe("gansu/negative/7");
    expect(r.reason).toContain("第三段");
  });

  it("is confident about a plain order and less so about a vague one", () => {
    const strong = screen("各社区：请于本周五前完成辖区所有餐馆燃气安全检查，检查表盖章后报街道，纳入考核。");
    expect(strong.flagged).toBe(true);
    expect(strong.confidence).toBeGreaterThanOrEqual(0.85);
    const weak = screen("这几天抽空把辖区商户的消防安全查一下。");
    if (weak.flagged) expect(weak.confidence).toBeLessThan(strong.confidence);
  });
});
