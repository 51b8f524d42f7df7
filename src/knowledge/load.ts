import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYamlCached } from "./yaml-file.js";
import { KnowledgeError } from "../errors.js";
import type { KnowledgeEntry, ListDef, ListItem, SourceDoc } from "../types.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { loadGazetteer } from "../policy/places.js";
import { undefinedRuleConcepts } from "../policy/concepts.js";
import { createScope, type Scope } from "../policy/scope.js";
import { loadGrounds } from "./grounds.js";
import { loadLexicon } from "./lexicon.js";
import { chunkDocument } from "./passages.js";
import { listFileSchema, sourcesSchema } from "./schema.js";

function readYaml(path: string): unknown {
  try {
    return parseYamlCached(readFileSync(path, "utf8"));
  } catch (err) {
    throw new KnowledgeError(`${path}: 无法读取或不是合法的 YAML：${(err as Error).message}`);
  }
}

function describeIssue(path: string, data: unknown, issuePath: PropertyKey[], message: string): string {
  // Name the item (by id or position) so a transcription error is easy to find.
  let where = issuePath.join(".");
  const [l, li, it, ii] = issuePath;
  if (l === "lists" && typeof li === "number" && it === "items" && typeof ii === "number") {
    const item = (data as { lists?: { items?: { id?: string }[] }[] }).lists?.[li]?.items?.[ii];
    where = `条目 ${item?.id ?? `lists[${li}].items[${ii}]`} 的 ${issuePath.slice(4).join(".") || "内容"}`;
  }
  return `${path}: ${where}：${message}`;
}

/** Loads the list files of `dir/lists`; throws KnowledgeError naming the file and item. */
export function loadLists(listsDir: string): ListDef[] {
  if (!existsSync(listsDir)) throw new KnowledgeError(`找不到清单目录 ${listsDir}`);
  const files = readdirSync(listsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new KnowledgeError(`${listsDir} 下没有清单文件（*.yaml）`);
  const lists: ListDef[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const path = join(listsDir, file);
    const data = readYaml(path);
    const r = listFileSchema.safeParse(data);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new KnowledgeError(describeIssue(path, data, i.path, i.message));
    }
    for (const l of r.data.lists) {
      const listId = `${r.data.set}/${l.list}`;
      const region = r.data.region;
      const items: ListItem[] = l.items.map(({ uncovered, ...it }) => {
        const expected = `${listId}/${it.number}`;
        if (it.id !== expected) throw new KnowledgeError(`${path}: 条目 ${it.id} 的 id 应为 ${expected}（清单集/清单/序号）`);
        if (seen.has(it.id)) throw new KnowledgeError(`${path}: 条目 ${it.id} 重复`);
        if (it.covers.length === 0 && !uncovered) {
          throw new KnowledgeError(`${path}: 条目 ${it.id} 没有写 covers（涵盖的概念）；确实没有合适的概念时写 uncovered: true`);
        }
        seen.add(it.id);
        return { ...it, set: r.data.set, list: l.list, listName: l.name, listShort: l.short, source: l.source, verdict: l.verdict, region };
      });
      const { items: _, ...def } = l;
      lists.push({ ...def, id: listId, set: r.data.set, region, items });
    }
  }
  return lists;
}

/** Loads the source documents listed in `dir/sources/sources.yaml`, chunked into passages. */
export function loadSources(sourcesDir: string): SourceDoc[] {
  const metaPath = join(sourcesDir, "sources.yaml");
  const r = sourcesSchema.safeParse(readYaml(metaPath));
  if (!r.success) throw new KnowledgeError(`${metaPath}: ${r.error.issues[0].path.join(".")} ${r.error.issues[0].message}`);
  return r.data.map((meta) => {
    const path = join(sourcesDir, `${meta.slug}.txt`);
    if (!existsSync(path)) throw new KnowledgeError(`${metaPath}: 来源 ${meta.slug} 缺少文件 ${path}`);
    const text = readFileSync(path, "utf8");
    return { ...meta, text, passages: chunkDocument(meta.slug, text) };
  });
}

/** Loads and validates the whole knowledge base under `dir` (knowledge/). */
export function loadKnowledgeBase(dir: string): KnowledgeBase {
  const lists = loadLists(join(dir, "lists"));
  const docs = loadSources(join(dir, "sources"));
  const lexicon = loadLexicon(join(dir, "lexicon"));
  const places = loadGazetteer(join(dir, "places.yaml"));
  const grounds = loadGrounds(join(dir, "grounds.yaml"), docs);
  const items = lists.flatMap((l) => l.items);
  const passages = docs.flatMap((d) => d.passages);
  const slugs = new Set(docs.map((d) => d.slug));
  for (const l of lists) if (!slugs.has(l.source)) throw new KnowledgeError(`清单 ${l.id} 的来源 ${l.source} 不在 sources.yaml 中`);

  const entries = new Map<string, KnowledgeEntry>();
  for (const item of items) entries.set(item.id, { kind: "item", item });
  for (const doc of docs) for (const p of doc.passages) entries.set(p.id, { kind: "passage", passage: p, doc });
  const missing = undefinedRuleConcepts({ lexicon });
  if (missing.length) throw new KnowledgeError(`规则用到的概念 ${missing.join("、")} 未在 ${join(dir, "lexicon", "concepts.yaml")} 中定义`);
  const covering = new Map<string, ListItem[]>();
  for (const item of items) {
    for (const c of item.covers) {
      if (!lexicon.concepts.has(c)) throw new KnowledgeError(`清单条目 ${item.id} 涵盖的概念 ${c} 未在 ${join(dir, "lexicon", "concepts.yaml")} 中定义`);
      (covering.get(c) ?? covering.set(c, []).get(c)!).push(item);
    }
  }
  // An item's everyday words: those of the concepts it covers, each once.
  const itemWords = new Map(items.map((it) => [it.id, [...new Set(it.covers.flatMap((c) => lexicon.concepts.get(c)!.words))]]));
  const hash = createHash("sha256")
    .update(
      JSON.stringify({
        lists,
        docs: docs.map((d) => [d.slug, d.text]),
        lex: [...lexicon.concepts, ...lexicon.synonyms, ...lexicon.alternatives, lexicon.cues],
        grounds: [...grounds].map(([kind, g]) => [kind, g.rule, g.passages.map((p) => p.id)]),
      }),
    )
    .digest("hex")
    .slice(0, 16);
  const listById = new Map(lists.map((l) => [l.id, l]));
  const docBySlug = new Map(docs.map((d) => [d.slug, d]));
  const scopes = new Map<string, Scope>();
  const kb: KnowledgeBase = {
    lists,
    items,
    docs,
    passages,
    lexicon,
    places,
    grounds,
    hash,
    get: (id) => entries.get(id),
    item: (id) => {
      const e = entries.get(id);
      return e?.kind === "item" ? e.item : undefined;
    },
    list: (id) => listById.get(id),
    doc: (slug) => docBySlug.get(slug),
    covering: (concept) => covering.get(concept) ?? [],
    itemWords: (id) => itemWords.get(id) ?? [],
    scope(region) {
      const path = places.parse(region);
      const key = path.join("/");
      let s = scopes.get(key);
      if (!s) scopes.set(key, (s = createScope(kb, path)));
      return s;
    },
  };
  return kb;
}
