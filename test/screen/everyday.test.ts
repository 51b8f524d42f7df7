import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createScreener, type Screener } from "../../src/screen/screener.js";
import { createKnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { setup } from "./fixture.js";

const { kb, screener } = setup();
const byRegion = new Map<string, Screener>();
/** The screener of a case's place (Gansu's by default). */
const screenerFor = (region?: string): Screener => {
  if (!region) return screener;
  let s = byRegion.get(region);
  if (!s) byRegion.set(region, (s = createScreener(kb, createKnowledgeRetriever(kb, kb.scope(region)))));
  return s;
};

interface Case {
  id: string;
  text: string;
  sender?: string;
  region?: string;
  gold: { flagged: boolean; category: "negative" | "burden" | null; cite: string[] };
}

/** Everyday-wording messages written for the screener (not from dev or holdout), one JSON a line; regions.jsonl gives each its place. */
function load(name: string): Case[] {
  const raw = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  return raw
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}

describe.each(["everyday.jsonl", "everyday-2.jsonl", "everyday-3.jsonl", "everyday-4.jsonl", "everyday-5.jsonl", "everyday-6.jsonl", "everyday-7.jsonl", "everyday-8.jsonl", "everyday-9.jsonl", "everyday-10.jsonl", "regions.jsonl"])("everyday messages (%s)", (file) => {
  it.each(load(file).map((c) => [c.id, c] as const))("%s", (_, c) => {
    const r = screenerFor(c.region).screen(c.text, { sender: c.sender });
    expect(r.flagged, c.text).toBe(c.gold.flagged);
    expect(r.category, c.text).toBe(c.gold.category);
    if (c.gold.category === "negative") expect(c.gold.cite, c.text).toContain(r.citations[0]);
    if (!c.gold.flagged) expect(r.citations).toEqual([]);
  });
});
