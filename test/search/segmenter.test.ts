import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/search/normalize.js";
import { Segmenter } from "../../src/search/segmenter.js";
import { realKb } from "../support/kb.js";

// jieba's whole dictionary, so that every path through the DAG it could take is exercised.
const dict = (createRequire(import.meta.url)("@node-rs/jieba/dict.js") as { dict: Buffer }).dict;
const user = "特种设备 50000\n占道经营 50000\n社区 0\n";

/** Every text the retriever segments: the knowledge, and the labelled questions and messages. */
function corpus(): string[] {
  const kb = realKb();
  const texts = [...kb.items.map((i) => i.text), ...kb.docs.flatMap((d) => d.passages.map((p) => p.text))];
  const dir = new URL("../eval/", import.meta.url);
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
    for (const line of readFileSync(new URL(f, dir), "utf8").split("\n")) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts.flatMap((t) => [t, normalizeText(t)]);
}

describe("segmenter", () => {
  const native = Jieba.withDict(dict);
  native.loadDict(Buffer.from(user, "utf8"));
  const segmenter = new Segmenter([dict.toString("utf8"), user]);

  it("cuts every knowledge and eval text into the words jieba gives, in order", () => {
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(5000);
    const differ = texts.filter((t) => segmenter.cutForSearch(t).join("|") !== native.cutForSearch(t, false).join("|"));
    expect(differ.slice(0, 3)).toEqual([]);
  });

  it("agrees on mixed scripts, surrogate pairs, line breaks and runs of letters and digits", () => {
    const edge = ["", " ", "a", "𠮷野家的饭", "abc123 def", "3.5%的商户", "\r\n换行\r\n", "😀社区😀", "C++和c#编程", "e-mail地址_test", "网格员wgy,sq", "中华人民共和国国务院办公厅", "\t表格\u3000空格"];
    for (const t of edge) expect(segmenter.cutForSearch(t), JSON.stringify(t)).toEqual(native.cutForSearch(t, false));
  });

  it("lets a later dictionary set an earlier word's frequency, as jieba's loadDict does", () => {
    const s = new Segmenter(["占道 100\n经营 100\n占道经营 1", "占道经营 100000"]);
    expect(s.cutForSearch("占道经营")).toEqual(["占道", "经营", "占道经营"]);
    expect(new Segmenter(["占道 100\n经营 100\n占道经营 1"]).cutForSearch("占道经营")).toEqual(["占道", "经营"]);
  });

  it("breaks a tie between paths towards the longer word, as jieba does", () => {
    const d = "甲 0\n乙 0\n甲乙 0\n丙 5";
    const j = Jieba.withDict(Buffer.from(d, "utf8"));
    expect(new Segmenter([d]).cutForSearch("甲乙丙")).toEqual(j.cutForSearch("甲乙丙", false));
    expect(new Segmenter([d]).cutForSearch("甲乙丙")).toEqual(["甲乙", "丙"]);
  });

  it("names the line whose frequency is not a number", () => {
    expect(() => new Segmenter(["电梯 many"])).toThrow(/电梯 many/);
  });
});
