import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/errors.js";
import { loadKnowledgeBase, loadLists } from "../../src/knowledge/load.js";
import { realKb } from "../support/kb.js";

const KNOWLEDGE = new URL("../../knowledge", import.meta.url).pathname;

/** A copy of the knowledge folder with one list file replaced. */
function withListFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jianfu-kb-"));
  cpSync(KNOWLEDGE, dir, { recursive: true });
  writeFileSync(join(dir, "lists", name), content);
  return dir;
}

describe("list files", () => {
  const kb = realKb();

  it("holds every list with its official item count (what the sources give of it)", () => {
    const counts = Object.fromEntries(kb.lists.map((l) => [l.id, l.items.length]));
    expect(counts).toEqual({
      "gansu/duty": 24,
      "gansu/assist": 29,
      "gansu/negative": 7,
      "national/no-certificate": 20,
      "national/cancelled": 2,
      "hunan/negative": 3,
      "tianjin/certificate": 5,
      "zhangjiakou/certificate": 5,
      "shanxi/certificate": 5,
      "yunnan/certificate": 1,
    });
  });

  it("transcribes every item's text exactly as its source document has it", () => {
    for (const item of kb.items) {
      const source = kb.doc(item.source);
      expect(source, item.id).toBeDefined();
      expect(source!.text.includes(item.text), `${item.id} not found verbatim in ${item.source}`).toBe(true);
      if (item.basis) expect(source!.text.includes(item.basis), `${item.id} basis`).toBe(true);
    }
  });

  it("numbers items 1..N with ids set/list/number", () => {
    for (const l of kb.lists) {
      expect(l.items.map((i) => i.number)).toEqual(l.items.map((_, i) => i + 1));
      for (const i of l.items) expect(i.id).toBe(`${l.id}/${i.number}`);
    }
  });

  it("keeps the negative list's type, reason and notes", () => {
    const neg = kb.list("gansu/negative")!;
    expect(neg.items.map((i) => i.type)).toEqual(["行政执法类", "拆迁拆违类", "环境整治类", "城市管理类", "招商引资类", "协税护税类", "生产安全类"]);
    expect(neg.items.every((i) => i.reason === "非责任主体")).toBe(true);
    expect(neg.notes).toHaveLength(3);
    expect(neg.notes[1]).toContain("不论是否付费购买");
  });

  it("resolves ids of items and passages, and nothing else", () => {
    expect(kb.get("gansu/negative/7")?.kind).toBe("item");
    expect(kb.get("doc/guandu-2022-61#p3")?.kind).toBe("passage");
    expect(kb.get("gansu/negative/8")).toBeUndefined();
    expect(kb.get("doc/nowhere#p1")).toBeUndefined();
  });

  it("gives passages unique, stable anchors", () => {
    const ids = kb.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = loadKnowledgeBase(KNOWLEDGE);
    expect(again.passages.map((p) => [p.id, p.text])).toEqual(kb.passages.map((p) => [p.id, p.text]));
    expect(again.hash).toBe(kb.hash);
  });
});

describe("malformed list files", () => {
  const good = readFileSync(join(KNOWLEDGE, "lists", "gansu.yaml"), "utf8");

  it("names the file and the item when an item has no text", () => {
    const dir = withListFile("gansu.yaml", good.replace(/(id: gansu\/duty\/4\n\s+number: 4\n\s+covers: .*\n)\s+text: .*\n/, "$1"));
    expect(() => loadLists(join(dir, "lists"))).toThrowError(/gansu\.yaml.*gansu\/duty\/4.*text/);
  });

  it("rejects an id that does not match list and number", () => {
    const dir = withListFile("gansu.yaml", good.replace("id: gansu/negative/7", "id: gansu/negative/8"));
    expect(() => loadLists(join(dir, "lists"))).toThrowError(/gansu\/negative\/8 的 id 应为 gansu\/negative\/7/);
  });

  it("rejects a duplicate item across files", () => {
    const dir = withListFile("copy.yaml", good);
    expect(() => loadLists(join(dir, "lists"))).toThrowError(KnowledgeError);
    expect(() => loadLists(join(dir, "lists"))).toThrowError(/重复/);
  });

  it("rejects a file that is not YAML", () => {
    const dir = withListFile("broken.yaml", "set: gansu\nlists: [\n  - : :\n");
    expect(() => loadLists(join(dir, "lists"))).toThrowError(/broken\.yaml.*YAML/);
  });

  it("rejects an unknown list kind", () => {
    const dir = withListFile("gansu.yaml", good.replace("list: assist", "list: helper"));
    expect(() => loadLists(join(dir, "lists"))).toThrowError(/gansu\.yaml: lists\.1\.list/);
  });

  it("rejects an item covering a concept that is not defined", () => {
    const dir = withListFile("gansu.yaml", good.replace("covers: [mediation]", "covers: [mediaton]"));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/gansu\/duty\/4 涵盖的概念 mediaton 未在 .*concepts\.yaml 中定义/);
  });

  it("rejects an item that covers nothing, unless it is marked so", () => {
    const bare = good.replace("        covers: [mediation]\n", "");
    expect(() => loadLists(join(withListFile("gansu.yaml", bare), "lists"))).toThrowError(/gansu\/duty\/4 没有写 covers/);
    const marked = good.replace("        covers: [mediation]\n", "        uncovered: true\n");
    expect(loadLists(join(withListFile("gansu.yaml", marked), "lists")).flatMap((l) => l.items).find((i) => i.id === "gansu/duty/4")?.covers).toEqual([]);
  });

  it("rejects a misspelt cue list name, naming the one meant", () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-kb-"));
    cpSync(KNOWLEDGE, dir, { recursive: true });
    const cues = readFileSync(join(dir, "lexicon", "screen-cues.yaml"), "utf8");
    writeFileSync(join(dir, "lexicon", "screen-cues.yaml"), cues.replace("screen_enforce_verbs:", "screen_enforce_verb:"));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/screen-cues\.yaml: 未知的词表名 screen_enforce_verb（是不是 screen_enforce_verbs？）/);
  });

  it("rejects alternatives and wider concepts that are not defined", () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-kb-"));
    cpSync(KNOWLEDGE, dir, { recursive: true });
    writeFileSync(join(dir, "lexicon", "alternatives.yaml"), "demolition: [report-hazards]\n");
    expect(() => loadKnowledgeBase(dir)).toThrowError(/alternatives\.yaml: report-hazards 不是已定义的概念/);
    const concepts = readFileSync(join(KNOWLEDGE, "lexicon", "concepts.yaml"), "utf8");
    writeFileSync(join(dir, "lexicon", "alternatives.yaml"), "");
    writeFileSync(join(dir, "lexicon", "concepts.yaml"), concepts.replace("broader: city-management", "broader: city-managment"));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/broader city-managment 不是已定义的概念/);
  });

  it("adding a province is adding a file", () => {
    const extra = "set: demo\nregion: 示例省\nlists:\n  - list: negative\n    name: 示例负面清单\n    short: 示例清单\n    verdict: negative\n    source: huanxian-2023\n    items:\n      - id: demo/negative/1\n        number: 1\n        covers: [demolition]\n        text: 示例事项\n";
    const dir = withListFile("demo.yaml", extra);
    const kb = loadKnowledgeBase(dir);
    expect(kb.item("demo/negative/1")?.verdict).toBe("negative");
    expect(kb.hash).not.toBe(realKb().hash);
  });
});
