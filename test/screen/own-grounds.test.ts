import { describe, expect, it } from "vitest";
import { ownGroundsTidying } from "../../src/screen/own-grounds.js";
import { createScreener } from "../../src/screen/screener.js";
import { createKnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../../src/policy/places.js";
import { realKb } from "../support/kb.js";

const kb = realKb();
const screener = createScreener(kb, createKnowledgeRetriever(kb, kb.scope(DEFAULT_REGION)));

describe("the community's own grounds", () => {
  it("tidying the compound is not street order", () => {
    expect(ownGroundsTidying("请各社区这周组织志愿者把小区楼道里贴的小广告清理掉")).toBe(true);
    expect(screener.screen("各社区：本周请安排人手把各小区单元门口的小广告清一清，楼道杂物也顺便清理").flagged).toBe(false);
  });

  it("public roads and compound hazards still count", () => {
    expect(ownGroundsTidying("请各社区把小区门外人行道上的小广告清理干净")).toBe(false);
    expect(ownGroundsTidying("请各社区对小区内居民自建房安全隐患开展排查整治")).toBe(false);
    const street = screener.screen("各社区：本周把辖区主干道两侧电线杆上的小广告清理干净，拍照上报");
    expect(street).toMatchObject({ flagged: true, category: "negative" });
    expect(street.citations[0]).toBe("gansu/negative/4");
  });
});
