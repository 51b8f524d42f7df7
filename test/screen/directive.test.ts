import { describe, expect, it } from "vitest";
import { directiveLevel, findAddressee, messageContext } from "../../src/policy/directive.js";
import { screenNormalize } from "../../src/policy/clauses.js";
import { setup } from "./fixture.js";

const { cues, screener } = setup();

describe("addressee and directive", () => {
  it("finds who is addressed, not a worker's own community", () => {
    expect(findAddressee("请各社区周五前完成", cues)).toBe("各社区");
    expect(findAddressee("网格员明天起每天巡查", cues)).toBe("网格员");
    expect(findAddressee("我们社区今天搞了活动", cues)).toBeUndefined();
  });

  it("grades how hard a clause orders", () => {
    expect(directiveLevel("大家辛苦了", cues)).toBe(0);
    expect(directiveLevel("开展一次排查", cues)).toBe(1);
    expect(directiveLevel("请于5月20日前报送", cues)).toBe(2);
    expect(directiveLevel("周五前完成，纳入考核", cues)).toBe(3);
  });

  it("reads notice headers, openings and @所有人", () => {
    expect(messageContext(screenNormalize("【紧急通知】明天检查"), false, cues).addressedToAll).toBe(true);
    expect(messageContext(screenNormalize("各社区：请注意"), false, cues).addressedToAll).toBe(true);
    expect(messageContext(screenNormalize("随便聊聊"), true, cues).addressedToAll).toBe(true);
    expect(messageContext(screenNormalize("随便聊聊"), false, cues, "街道安监办 王某").fromDepartment).toBe(true);
    expect(messageContext(screenNormalize("随便聊聊"), false, cues, "幸福社区 李书记").fromDepartment).toBe(false);
  });
});

describe("the screen contract", () => {
  const texts = [
    "收到",
    "各社区：请于周五前完成辖区餐馆燃气安全检查。",
    "各社区：请在门口挂上新牌子。",
    "请问电梯检查归谁管？",
  ];
  it.each(texts)("%s", (t) => {
    const r = screener.screen(t, { sender: "街道", group: "社区书记群" });
    expect(typeof r.flagged).toBe("boolean");
    expect(r.category === null || r.category === "negative" || r.category === "burden").toBe(true);
    expect(r.flagged).toBe(r.category !== null);
    if (!r.flagged) expect(r.citations).toEqual([]);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reason).toMatch(/。$/);
    expect(r.reason.slice(0, -1)).not.toContain("。");
  });
});
