import { describe, expect, it } from "vitest";
import { createNegativeGate } from "../../src/screen/gate.js";
import { matchClause } from "../../src/screen/negative-match.js";
import { splitClauses } from "../../src/policy/clauses.js";
import { setup } from "./fixture.js";

const { kb, retriever, cues } = setup();
const gate = createNegativeGate(kb, cues);

describe("the retrieval gate", () => {
  it("lets through enforcement verbs, develop verbs and negative task words", () => {
    expect(gate("请把几家饭馆的后厨看一遍")).toBe(true);
    expect(gate("每个社区今年引进一个项目")).toBe(true);
    expect(gate("楼顶的彩钢棚")).toBe(true);
  });
  it("stops clauses that name no task", () => {
    expect(gate("请大家带好身份证准时参会")).toBe(false);
    expect(gate("晚上社区食堂包了饺子，忙完的来吃")).toBe(false);
  });
  it("never changes a clause's match", () => {
    const text = [
      "各社区：请于周五前把辖区小旅馆的消防通道看一遍，汇总给我",
      "请各社区做好普查员的选调和培训，确保不重不漏",
      "为迎接上级检查，请补齐台账",
      "每个社区年内引进落地项目1个",
      "重阳节给80岁以上老人送长寿面，各网格员统计一下名单",
    ].join("\n");
    for (const c of splitClauses(text)) {
      expect(matchClause(retriever, c.text, cues, kb, gate), c.text).toEqual(matchClause(retriever, c.text, cues, kb));
    }
  });
});
