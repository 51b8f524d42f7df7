import { describe, expect, it } from "vitest";
import { setup } from "./fixture.js";

const { screener } = setup();
const screen = (t: string, sender?: string) => screener.screen(t, { sender });
const negative = (text: string, item: string) => {
  const r = screen(text);
  expect(r, text).toMatchObject({ flagged: true, category: "negative" });
  expect(r.citations[0], text).toBe(item);
  return r;
};
const burden = (text: string) => {
  const r = screen(text);
  expect(r, text).toMatchObject({ flagged: true, category: "burden" });
  return r;
};
const clear = (text: string) => {
  const r = screen(text);
  expect(r, text).toMatchObject({ flagged: false, category: null, citations: [] });
  return r;
};

describe("a campaign named in the framing does not decide the task", () => {
  it("judges the check itself, not the campaign it serves", () => {
    // 大气污染防治 is assist/22; the check of coal stoves at shops is negative/3.
    negative("各社区：大气污染防治攻坚期间，请各网格员到辖区饭馆、早餐店看看还有没有烧蜂窝煤的，登记造册，劝不改的把煤炉收走。", "gansu/negative/3");
  });

  it("an inspection the community will undergo is no inspection by the community", () => {
    const r = burden("各社区：为迎接区里的餐饮油烟整治检查，请各社区即日起补建油烟宣传入户台账、商户告知台账两本，每页附现场照片。");
    expect(r.reason).toContain("台账");
  });
});

describe("an indirect question is part of the order", () => {
  it("认定/核实 是否… is what the community is told to decide", () => {
    negative("各社区：下周一前逐栋核实辖区小区楼顶有没有私自加盖的阳光房、彩钢棚，认定是否属于违建，并配合执法队拆掉。", "gansu/negative/2");
  });

  it("a real question still is one", () => {
    clear("请问楼顶加盖的阳光房，是不是要社区去认定违建？");
  });
});

describe("signing off rectification is a regulator's act", () => {
  it("整改后由社区签字销号 makes a hazard campaign a push", () => {
    const r = screen("各社区：请对辖区小区楼道堆物、飞线充电、充电桩老化等隐患开展排查整治，督促物业整改到位后由社区签字销号。");
    expect(r).toMatchObject({ flagged: true, category: "negative" });
    expect(r.citations.some((id) => id === "gansu/negative/4" || id === "gansu/negative/7")).toBe(true);
  });

  it("a residents' fire-safety reminder stays the community's own work", () => {
    clear("各社区：天干物燥，请在居民群里提醒大家不要在楼道里给电动车充电，不要乱堆杂物。");
  });
});

describe("special equipment is cited by what is checked, not where it stands", () => {
  it("an elevator in a hotel is negative/7", () => {
    negative("各社区：请于本月20日前到辖区KTV、宾馆逐家查看自动扶梯和客梯的年检合格证是否在有效期内，检查表报街道。", "gansu/negative/7");
  });

  it("hygiene at the same places is still negative/1", () => {
    negative("各社区：请于本月20日前到辖区酒店、浴池逐家查看卫生许可证和消毒记录，检查表报街道。", "gansu/negative/1");
  });
});

describe("a department or its hired agency does the work", () => {
  it("an agency the department hired comes in; the community only shows the way", () => {
    clear("各社区：区消防救援大队聘请的维保团队进场，对辖区高层住宅的消防栓逐个检测。请相关社区安排网格员带路。");
  });

  it("a conclusion issued by the department is not the community's", () => {
    clear("各社区：辖区老旧平房的危房等级，鉴定结论由区住建局出具。");
  });

  it("still flags when the community is told to do the check after all", () => {
    negative("各社区：区住建局委托的机构人手不够，请各社区自行组织人员对辖区土坯房逐户开展危房鉴定，周五前报鉴定表。", "gansu/negative/2");
  });
});

describe("an inspection named as a paper is not an inspection", () => {
  it("forwarding the 检查通知 to shops is notify-only", () => {
    clear("各社区：区市场监管局下周抽查辖区药店，由局里执法人员上门。请各社区将检查通知转到商户群，提醒店主把购进记录准备好。");
  });

  it("checking the shops after forwarding is a push", () => {
    negative("各社区：请把检查通知转到商户群，然后逐店检查药店有没有凭处方卖消炎药，周五前报结果。", "gansu/negative/1");
  });
});

describe("forwarding with a count is a promotion quota", () => {
  it("daily forwards, likes and new followers for an account", () => {
    const r = burden("@所有人 即日起每名社区干部每天在朋友圈转发区政务抖音号视频不少于2条，动员居民点赞关注，每个社区每月新增粉丝不少于200人，截图发群里。");
    expect(r.reason).toMatch(/关注|App|公众号/);
  });

  it("forwarding a notice to residents is no quota", () => {
    clear("各社区：请把区医保局关于城乡居民医保缴费的通知转发到居民群，提醒大家按时缴费。");
  });
});

describe("everyday verbs of checking and clearing", () => {
  it("摸一遍 is an inspection", () => {
    negative("各社区：把辖区临街门面摸一遍，看看哪些房东把门面租出去了，租金多少、交没交税，列个表。", "gansu/negative/6");
  });

  it("sawing branches off street trees is negative/4", () => {
    negative("各社区：请这周找人把辖区背街小巷几棵老树的枯枝锯掉，落叶扫干净。", "gansu/negative/4");
  });

  it("goods on the road make it a street-order task", () => {
    negative("各社区：请安排人到菜市场门口守着，卖菜的三轮车不许摆到路中间，摆出来的让他们推走。", "gansu/negative/4");
  });
});

describe("telling a business to fix or close is enforcement", () => {
  it("查…让老板限期改 at small hotels is a push despite the fire-safety duty words", () => {
    negative("各社区：请派人到辖区小旅馆查查消防通道和应急灯，有问题的让老板三天内改好。", "gansu/negative/7");
  });
});

describe("招商 is developing, not inspecting", () => {
  it("a quota of new business licences is negative/5", () => {
    negative("各社区：每个社区本季度至少新办8户个体营业执照，月底报数。", "gansu/negative/5");
  });

  it("accompanying investors is the task itself, not leading the way", () => {
    negative("各社区：今年每个社区至少拉来一家企业，书记要陪同考察，年底按签约数打分。", "gansu/negative/5");
  });
});

describe("meetings named by their purpose", () => {
  it("a 推进会 on a negative-list topic is a meeting notice", () => {
    clear("各位主任：周四下午三点在街道三楼召开燃气安全整治推进会，请准时参加。");
  });
});

describe("the superior checking the community's work is oversight", () => {
  it("a ledger per safety topic, checked by the street office, is a burden", () => {
    burden("各社区：即日起每个社区的燃气安全、电动车安全各建一本台账，纸质电子各一份，街道将不定期抽查。");
  });
});

describe("looking into a business's affairs is enforcement even with no safety topic", () => {
  it("whether bars let minors in", () => {
    negative("各社区：请本周把辖区网吧、游戏厅过一遍，看有没有让未成年人进去玩的，有的记下来。", "gansu/negative/1");
  });
});

describe("litter on roads is street cleaning", () => {
  it("picking up rubbish on the pavement of main roads is negative/4", () => {
    negative("@所有人 明天上级来检查，请各社区派人把辖区大马路人行道上的垃圾捡干净，下午再扫一遍。", "gansu/negative/4");
  });
});

describe("what the notified party does is theirs", () => {
  it("通知商户自行拆除 after the department says it removes the rest itself", () => {
    clear("区城管局：本周五起对辖区沿街违规招牌集中拆除，由我局执法队负责实施，请各社区通知店主提前自行拆除。");
  });

  it("a community's own publicity stall is no street vending", () => {
    clear("各社区：本周六请在小区广场设点摆摊宣传防汛知识，发放明白纸。");
  });

  it("看看，…是不是… is still an order to look", () => {
    negative("各社区：请明天去辖区几家废品收购站看看，收来的旧电瓶、油桶是不是堆在露天，有没有灭火器，拍照报应急办。", "gansu/negative/7");
  });
});

describe("recording a problem and passing it on is a report", () => {
  it("记下来报城管处理 is the community's own duty", () => {
    clear("各社区：有居民说菜市场门口流动摊贩把路堵了，请社区做个记录，报城管中队处理。");
  });

  it("looking first and then passing it on is still a check", () => {
    negative("各社区：请到辖区饭馆后厨看看卫生情况，有问题的报市场监管所处理。", "gansu/negative/1");
  });
});
