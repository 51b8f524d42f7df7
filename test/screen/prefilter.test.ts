import { describe, expect, it } from "vitest";
import { screenNormalize } from "../../src/screen/clauses.js";
import { createPrefilter } from "../../src/screen/prefilter.js";
import { setup } from "./fixture.js";

describe("prefilter", () => {
  const { kb, cues, screener } = setup();
  const pre = createPrefilter(kb, cues);
  const cand = (t: string) => pre.candidate(screenNormalize(t));

  it("lets chat, greetings and receipts go", () => {
    for (const t of ["收到", "好的👌", "收到，马上落实", "大家早上好，今天降温注意保暖", "哈哈哈今天食堂的红烧肉不错", "王姐，下午的会几点开始呀"]) {
      expect(cand(t), t).toBe(false);
    }
  });

  it("keeps messages that name a task, an inspection or a burden", () => {
    for (const t of ["各社区把沿街楼顶的广告牌拆了", "请对辖区饭馆逐家检查", "每个社区配一名专职信息员", "居民要开无房证明", "下载反诈APP不少于300人"]) {
      expect(cand(t), t).toBe(true);
    }
  });

  it("answers chat without analysis and with high confidence", () => {
    const r = screener.screen("辛苦大家了，今天的活动很成功🎉");
    expect(r).toMatchObject({ flagged: false, category: null, citations: [] });
    expect(r.confidence).toBeGreaterThanOrEqual(0.95);
  });
});
