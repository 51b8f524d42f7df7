import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../src/search/bm25.js";
import { createKnowledgeRetriever } from "../../src/search/knowledge-retriever.js";
import { DEFAULT_REGION } from "../../src/policy/places.js";
import { nfkc, normalizeText } from "../../src/search/normalize.js";
import { PhraseMatcher } from "../../src/search/phrase-matcher.js";
import { bigramTerm, createTokenizer } from "../../src/search/tokenizer.js";
import { domainDictionary, domainLines } from "../../src/search/dictionary.js";
import { topByScore } from "../../src/search/top-k.js";
import { TermIds } from "../../src/search/term-ids.js";
import { realKb } from "../support/kb.js";

describe("tokenizer", () => {
  it("normalises width, case, emoji and @ signs, keeping the text after a mention", () => {
    expect(normalizeText("ＡＰＰ下载😓")).toBe("app下载");
    expect(normalizeText("@我们，让社区查药店")).toBe("我们,让社区查药店");
    expect(normalizeText("好的👍，收到☀️")).toBe("好的 ,收到");
  });

  it("maps every code point as String.prototype.normalize(\"NFKC\") does, alone and between ideographs", () => {
    for (let cp = 0; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      for (const text of [ch, `社区${ch}，Ａ${ch}`]) if (nfkc(text) !== text.normalize("NFKC")) expect(nfkc(text), `U+${cp.toString(16)}`).toBe(text.normalize("NFKC"));
    }
    expect(nfkc("请各社区：本周五前（含）报送！")).toBe("请各社区:本周五前(含)报送!");
  });

  it("removes every pictographic character, whatever its code point", () => {
    // The fast path skips the Unicode-property scan for texts it deems emoji-free: it must never
    // miss one, so it is held to the plain definition over every code point.
    const plain = (t: string) =>
      t.normalize("NFKC").toLowerCase().replace(/@/g, " ").replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, " ").replace(/\s+/g, " ").trim();
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = `甲${String.fromCodePoint(cp)}乙`;
      if (normalizeText(text) !== plain(text)) expect(normalizeText(text), `U+${cp.toString(16)}`).toBe(plain(text));
    }
  });

  it("keeps the dictionary words the knowledge could hold, with their frequencies", () => {
    const dict = ["燃气 3000 n", "燃气灶 200 n", "商铺 800 n", "铺张 500 a", "检 10 v", "查 90 v"].join("\n");
    expect(domainLines(dict, "查商铺燃气")).toBe(["燃气 3000 n", "商铺 800 n", "查 90 v"].join("\n"));
  });

  it("emits jieba words and character bigrams, minus stop words", () => {
    const tok = createTokenizer(domainDictionary("社区检查特种设备"), ["特种设备"], ["社区"]);
    const tokens = tok.tokens("社区检查特种设备");
    expect(tokens).toContain("特种设备");
    expect(tokens).toContain(bigramTerm("设备"));
    expect(tokens).not.toContain("社区");
    expect(tokens).not.toContain(bigramTerm("社区"));
    expect(new Set(tok.tokens("查设备 设备")).size).toBe(new Set(["查设备", "设备", bigramTerm("查设"), bigramTerm("设备")]).size);
    // A two-character run is one bigram.
    expect(tok.tokens("拆违")).toContain(bigramTerm("拆违"));
  });
});

describe("BM25", () => {
  it("ranks the document with the rarer shared term first", () => {
    const idx = new Bm25Index();
    idx.add("a", ["燃气", "检查", "商户"]);
    idx.add("b", ["检查", "居民"]);
    idx.add("c", ["检查", "宣传"]);
    const [first, second] = idx.search(new Map([["燃气", 1], ["检查", 1]]));
    expect(first[0]).toBe("a");
    expect(first[1]).toBeGreaterThan(second[1]);
    expect(idx.search(new Map([["没有", 1]]))).toEqual([]);
    // Documents added after a search count at once (term weights depend on the whole collection).
    idx.add("d", ["燃气", "燃气", "检查"]);
    expect(idx.search(new Map([["燃气", 1]]))[0][0]).toBe("d");
  });

  it("counts a repeated query term once, at its first weight, and drops unknown terms", () => {
    const idx = new Bm25Index();
    idx.add("a", ["燃气", "检查"]);
    idx.add("b", ["电梯", "检查"]);
    idx.add("c", ["宣传"]);
    const once = idx.search(new Map([["燃气", 1]]));
    const r = idx.resolver();
    r.add("燃气", 1);
    r.add("没有的词", 1);
    r.add("燃气", 0.5);
    expect(r.query.ids).toHaveLength(1);
    expect(idx.searchResolved(r.query)).toEqual(once);
    // Word and bigram terms are distinct even when they spell alike.
    const mixed = idx.resolver();
    mixed.add(bigramTerm("燃气"), 1);
    expect(mixed.query.ids).toEqual([]);
  });

  it("breaks score ties by the order documents were first reached, and honours the limit", () => {
    const idx = new Bm25Index();
    for (const id of ["a", "b", "c", "d"]) idx.add(id, ["检查", id]);
    const hits = idx.search(new Map([["检查", 1]]), 3);
    expect(hits.map((h) => h[0])).toEqual(["a", "b", "c"]);
    expect(idx.search(new Map([["检查", 1]]), 0)).toEqual([]);
    expect(idx.search(new Map([["d", 1], ["检查", 1]]), 2)[0][0]).toBe("d");
  });
});

describe("top by score", () => {
  it("is a stable sort's first entries, ties at the cut included in input order", () => {
    const xs: Array<[string, number]> = [["a", 1], ["b", 3], ["c", 2], ["d", 3], ["e", 2], ["f", 0]];
    const stable = (n: number) => [...xs].sort((x, y) => y[1] - x[1]).slice(0, n);
    for (let n = 0; n <= xs.length + 1; n++) expect(topByScore(xs, (x) => x[1], n)).toEqual(stable(n));
    expect(xs[0]).toEqual(["a", 1]);
  });

  it("keeps a stable sort's order on both of its paths, many ties, few and many wanted", () => {
    // A seeded generator: the same entries on every run.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const xs = Array.from({ length: Math.floor(rnd() * 150) }, (_, i) => ({ i, s: Math.floor(rnd() * 8) }));
      const stable = [...xs].sort((x, y) => y.s - x.s);
      for (const n of [1, 3, 8, 30, 64, 65, 100, 200]) expect(topByScore(xs, (x) => x.s, n)).toEqual(stable.slice(0, n));
    }
  });
});

describe("term ids", () => {
  it("finds every bigram and word it was given, after growing, and nothing else", () => {
    const ids = new TermIds();
    const bigrams = Array.from({ length: 5000 }, (_, i) => (i * 7_919_993) % 760_000_000);
    bigrams.forEach((b, i) => ids.set(b, i));
    ids.set("电梯", 5000);
    ids.set(bigrams[3], 3);
    expect(bigrams.every((b, i) => ids.get(b) === i)).toBe(true);
    expect(ids.get("电梯")).toBe(5000);
    expect(ids.get(bigramTerm("电梯"))).toBeUndefined();
    expect(ids.get(1)).toBeUndefined();
  });
});

describe("phrase matcher", () => {
  it("finds every phrase with its position", () => {
    const m = new PhraseMatcher<number>();
    m.add("电梯", 1);
    m.add("电梯检查", 2);
    m.add("锅炉", 3);
    expect(m.match("查电梯检查锅炉").map((x) => [x.phrase, x.at])).toEqual([["电梯", 1], ["电梯检查", 1], ["锅炉", 5]]);
    expect(m.test("老李家的锅炉")).toBe(true);
    expect(m.test("电视坏了")).toBe(false);
  });
});

describe("knowledge retriever", () => {
  const r = createKnowledgeRetriever(realKb(), realKb().scope(DEFAULT_REGION));

  it("expands everyday words through the lexicon", () => {
    const a = r.analyze("小饭馆的煤气罐");
    expect(a.expansions).toContain("燃气");
  });

  it.each([
    ["让社区去查辖区加油站和化工仓库", "gansu/negative/7"],
    ["叫我们把违建都拆了", "gansu/negative/2"],
    ["社区帮税务代收门面房的税", "gansu/negative/6"],
    ["两口子天天吵架，社区去劝劝", "gansu/duty/4"],
    ["组织居民搞地震疏散演练", "gansu/duty/19"],
    ["居民来开单身证明", "national/no-certificate/8"],
  ])("puts the right item first for %s", (q, id) => {
    expect(r.search(q, { kinds: ["item"], limit: 3 })[0]?.id).toBe(id);
  });

  it("counts several everyday words behind one synonym as more evidence", () => {
    const score = (q: string) => r.search(q, { kinds: ["item"], limit: 5 }).find((h) => h.id === "gansu/duty/4")?.score ?? 0;
    const one = r.analyze("楼上漏水");
    expect(one.expandedSupport.get("调解")).toBe(1);
    expect(r.analyze("楼上漏水，两家吵到动手，请社区说和").expandedSupport.get("调解")).toBe(3);
    expect(score("楼上漏水，两家吵到动手，请社区说和")).toBeGreaterThan(score("楼上漏水，请社区去一趟"));
  });

  it("finds passages of the document a question names", () => {
    const hits = r.search("官渡区取消了多少项证明材料", { kinds: ["passage"], limit: 3 });
    expect(hits[0].id.startsWith("doc/guandu-2022-61#")).toBe(true);
  });
});
