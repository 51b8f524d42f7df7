import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { screenNormalize } from "../../src/policy/clauses.js";
import { createPrefilter } from "../../src/screen/prefilter.js";
import { createScreener } from "../../src/screen/screener.js";
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

  it("lets a topic named without any task or burden go, but not a single-character check", () => {
    for (const t of ["3号楼电梯又坏了，已经报物业了", "老李家的低保材料补齐了没有", "门口那家超市今天打折"]) expect(cand(t), t).toBe(false);
    expect(cand("下午去那几家超市查一遍冷柜温度")).toBe(true);
  });

  it("changes no flag: every labelled message is flagged and cited the same with and without it", () => {
    const { kb, retriever } = setup();
    const full = createScreener(kb, retriever, { prefilter: false });
    const dirs = [new URL("../eval/", import.meta.url), new URL("./fixtures/", import.meta.url)];
    const texts = dirs.flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith(".jsonl"))
        .flatMap((f) => readFileSync(new URL(f, d), "utf8").split("\n"))
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { kind?: string; text: string })
        .filter((c) => c.kind !== "ask")
        .map((c) => c.text),
    );
    expect(texts.length).toBeGreaterThan(800);
    for (const t of texts) {
      const a = screener.screen(t);
      const b = full.screen(t);
      expect([a.flagged, a.category, a.citations], t).toEqual([b.flagged, b.category, b.citations]);
    }
  });

  it("answers chat without analysis and with high confidence", () => {
    const r = screener.screen("辛苦大家了，今天的活动很成功🎉");
    expect(r).toMatchObject({ flagged: false, category: null, citations: [] });
    expect(r.confidence).toBeGreaterThanOrEqual(0.95);
  });
});
