import { describe, expect, it } from "vitest";
import { directiveLevel, messageContext } from "../../src/policy/directive.js";
import { isQuestion } from "../../src/policy/exclusions.js";
import { splitClauses } from "../../src/policy/clauses.js";
import { setup } from "./fixture.js";

const { screener, cues } = setup();
const negative = (text: string, item: string) => {
  const r = screener.screen(text);
  expect(r, text).toMatchObject({ flagged: true, category: "negative" });
  expect(r.citations[0], text).toBe(item);
};
const burden = (text: string) => expect(screener.screen(text), text).toMatchObject({ flagged: true, category: "burden" });
const clear = (text: string) => expect(screener.screen(text), text).toMatchObject({ flagged: false, category: null, citations: [] });

describe("orders without 请", () => {
  it("把…看一遍 is an order once someone is addressed; a worker's own plan is not", () => {
    expect(directiveLevel("把那几家铺子的电线过一遍", cues)).toBe(1);
    expect(directiveLevel("我们有空把几家铺子的电线过一遍", cues)).toBe(0);
    expect(directiveLevel("几家铺子的电线已经过了一遍", cues)).toBe(0);
  });
  it("asking for results to be sent up is a request", () => {
    expect(directiveLevel("有问题的拍下来汇总给我", cues)).toBe(2);
    expect(directiveLevel("照片已经发群里了", cues)).toBe(0);
  });
  it("flags a 把-order to check shops' fire equipment", () => {
    negative("@各网格员 抽空把片区里几家家具店的灭火器和电线看一遍，有问题的拍下来汇总给我", "gansu/negative/7");
  });
});

describe("lists of checks are not questions", () => {
  it("later yes/no words after a check are more of what to check", () => {
    const [c] = splitClauses("请到几家粮油店看有没有卫生许可，仓库是不是防潮，周三前报");
    expect(isQuestion(c, cues)).toBe(false);
  });
  it("a real question stays one", () => {
    const [c] = splitClauses("请问街道，查商户有没有许可证是不是社区的活");
    expect(isQuestion(c, cues)).toBe(true);
  });
});

describe("enforcement in everyday words", () => {
  it("making a shop stop selling or pull goods", () => {
    negative("各社区：请到辖区小卖部挨家看一下有没有卖过期零食的，有的先让老板下架，明天报街道", "gansu/negative/1");
  });
  it("holding an illegal builder's materials is 拆违 enforcement", () => {
    negative("各社区注意：谁家在院里私自盖房的，网格员可以直接把砂石、钢筋扣下，拉回社区暂存", "gansu/negative/2");
  });
  it("drug shops and clinics are 食品药品监管", () => {
    negative("请网格员逐家看一下辖区药房有没有卖过期药品，查到的登记后让店主签字", "gansu/negative/1");
  });
});

describe("which item is cited first", () => {
  it("stopping e-bike riders is 整治非机动车 even when an add-on is to come off", () => {
    negative("各社区：请在路口拦查电动车加装遮阳棚的，当场劝车主拆掉，每天报数量", "gansu/negative/1");
  });
  it("rubbish on land cleared for demolition is environmental", () => {
    negative("@各社区 征迁完的那块空地上堆的生活垃圾和建筑垃圾，请社区本周内组织清运干净", "gansu/negative/3");
  });
  it("pulling down a shed is still 拆违", () => {
    negative("各社区：请于周五前拆除小区里私搭的电动车棚", "gansu/negative/2");
  });
});

describe("duplicate forms", () => {
  it("the same form to several offices, or entered again in a system, is a ledger burden", () => {
    burden("各社区：计生、民政要的老人表一样，请分别填好各报一份，另外再在系统里录一遍");
  });
  it("entering once is not", () => {
    clear("各社区：以后这张表只在平台上录一遍就行");
  });
});

describe("reports to a department", () => {
  it("a worker asking a department to send someone is a report", () => {
    clear("网格员反映：北街那家汽修店门口堆了好多废机油桶，看着危险，请应急办派人去看一下");
  });
  it("a speaker label is no addressee", () => {
    expect(messageContext("网格员反映：北街有个作坊", false, cues).addressedToAll).toBe(false);
    expect(messageContext("各网格员：北街有个作坊", false, cues).addressedToAll).toBe(true);
  });
  it("asking the community to send someone is still an order", () => {
    negative("各社区：请各社区派人去看一下辖区加气站的消防器材，周五前报", "gansu/negative/7");
  });
});

describe("others do it", () => {
  it("residents checking their own homes", () => {
    clear("各社区：请居民自行检查家里的燃气管有没有老化，社区做好宣传即可");
  });
  it("an app sign-up quota is a burden, not 招商", () => {
    burden("@所有人 反诈APP本月每个社区新增注册不少于200人，每天报截图");
  });
  it("a topic under a veto is the veto burden, not a task", () => {
    burden("各社区：今年消防工作实行一票否决，出一起火灾年底考核不合格");
  });
});
