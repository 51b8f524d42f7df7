import { describe, expect, it } from "vitest";
import { setup } from "./fixture.js";

const { screener } = setup();
const notFlagged = (text: string) => {
  const r = screener.screen(text);
  expect(r, text).toMatchObject({ flagged: false, category: null, citations: [] });
  expect(r.confidence).toBeGreaterThan(0.5);
  return r;
};

describe("exclusions", () => {
  it("a department doing the inspection itself, community only notifying", () => {
    notFlagged("大家好，市场监管所下周对辖区药店开展检查，由所里执法人员上门，社区只需提前跟药店打个招呼。");
    notFlagged("区应急局将于4月10日至15日对辖区企业开展安全生产大检查，请各社区做好对接，检查期间无需社区人员陪同。");
    notFlagged("街道办通知：城管执法中队下周将对占道经营进行集中整治，请各社区提醒沿街商户把货物收回店内。");
    notFlagged("各社区：下周住建局安排专业机构对老旧小区电梯进行检测，请社区提前在业主群转发通知，提醒居民错峰使用电梯。");
  });

  it("leading the way or opening doors for inspectors", () => {
    notFlagged("消防救援站周三起对沿街门店开展消防检查，由消防监督员实施检查，请各网格员当天带路，帮忙联系店主开门。");
  });

  it("duty and assist tasks", () => {
    notFlagged("各社区：本周六是防灾减灾日，请组织居民开展一次应急疏散演练。");
    notFlagged("各社区：请于本月20日前完成低保户年度入户复核，复核表签字后交民政办。");
    notFlagged("各社区：请协助司法所做好社区矫正对象的日常走访，了解思想动态，每月报一次情况。");
    notFlagged("各社区：请在小区里开展一次消防安全宣传，提醒居民不要在楼道堆放杂物、不要飞线充电。");
    notFlagged("各社区：请组织居民代表召开议事会，商量小区加装电梯的事。");
  });

  it("questions about the lists", () => {
    const r = notFlagged("请问一下，街道让我们查商户的灭火器，这个算我们的活吗？");
    expect(r.reason).toContain("询问");
    notFlagged("请问各社区，负面清单第4类包括住宅小区安全隐患排查吗？");
  });

  it("quoting the list to push back", () => {
    notFlagged("这个燃气检查属于负面清单第7类，我们社区没有执法资质，这活我们接不了，请街道收回。");
  });

  it("news about burden reduction", () => {
    notFlagged("好消息！省里的社区减负清单出来了，以后电梯检查、燃气检查这些都不用社区干了。");
    notFlagged("各社区：按照减负要求，即日起社区不再出具居民亲属关系证明，请居民到派出所办理。");
  });

  it("a worker complaining about a past assignment", () => {
    notFlagged("上个月又让我们挨家挨户查商铺的消防，跑了一个礼拜，真是累死了。");
  });

  it("a report to a department", () => {
    notFlagged("报告街道安监办：我们网格巡查时发现XX超市门口堆放纸箱堵了消防通道，请安排人员处理。");
    notFlagged("各网格员：发现小区有违建的，拍照报给城管中队，由城管处理。");
  });

  it("chit-chat and meeting notices", () => {
    notFlagged("各位书记，明天下午三点在街道三楼会议室召开安全生产工作会议，请准时参加。");
    notFlagged("今天我们社区组织居民在小区广场搞了消防演练，大家积极性很高👍");
  });
});
