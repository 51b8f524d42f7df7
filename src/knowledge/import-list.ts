import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { KnowledgeError } from "../errors.js";
import { placeLabel } from "../policy/places.js";
import type { ListKind } from "../types.js";
import { createConceptProposer, type ConceptProposal } from "./concept-proposals.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { checkNumbering, closureOf, parseListDocument, type DocumentSection, type ListDocument } from "./list-document.js";
import { loadKnowledgeBase } from "./load.js";
import { listFileYaml, sourceEntryYaml } from "./list-yaml.js";

export interface ImportOptions {
  file: string;
  set: string;
  /** 地区 as given: 湖北省咸宁市. */
  region: string;
  kind?: ListKind;
  knowledgeDir: string;
}

/** One list made by an import, item by item with the concepts proposed for review. */
export interface ImportedList {
  id: string;
  kind: ListKind;
  name: string;
  closure?: string;
  items: Array<{ id: string; text: string; proposals: ConceptProposal[] }>;
}

export interface ImportReport {
  set: string;
  region: string;
  slug: string;
  lists: ImportedList[];
}

/** Per list kind: short name, ways people call it, and the verdict its items give. */
const KINDS: Record<ListKind, { short: string; aliases: string[]; verdict: "duty" | "assist" | "negative" }> = {
  duty: { short: "履职清单", aliases: ["履职清单", "职责清单"], verdict: "duty" },
  assist: { short: "协助清单", aliases: ["协助清单"], verdict: "assist" },
  negative: { short: "负面清单", aliases: ["负面清单", "减负清单"], verdict: "negative" },
  "no-certificate": { short: "不应出具的证明清单", aliases: ["不应出具的证明", "不能开的证明", "不该开的证明"], verdict: "negative" },
  certificate: { short: "可出具的证明清单", aliases: ["可出具的证明", "可以开的证明", "能开的证明", "能开哪些证明", "可以开哪些证明"], verdict: "duty" },
  cancelled: { short: "原则上取消的事项", aliases: ["原则上一律取消", "原则上取消"], verdict: "negative" },
};

/** The sections to import: the kind asked for, else every section whose heading names a list. */
function chooseSections(doc: ListDocument, file: string, kind?: ListKind): Array<DocumentSection & { kind: ListKind }> {
  const withItems = doc.sections.filter((s) => s.items.length > 0);
  let chosen = withItems.filter((s) => (kind ? s.kind === kind : s.kind !== null));
  if (kind && chosen.length === 0 && withItems.length === 1) chosen = withItems;
  if (chosen.length === 0) {
    const what = kind ? `“${KINDS[kind].short}”` : "能认出类别的清单";
    const hint = kind ? "" : "；标题里写明履职、协助、负面、不应出具证明或可出具证明，或用 --list 指定";
    throw new KnowledgeError(`${file}：没有找到${what}（=== 标题 === 下编号为 1. 2. 3. … 的条目${hint}）`);
  }
  const kinds = chosen.map((s) => kind ?? s.kind!);
  const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (twice) throw new KnowledgeError(`${file}：有两段都是${KINDS[twice].short}（第 ${chosen[kinds.lastIndexOf(twice)].line} 行），请用 --list 只导入一种`);
  return chosen.map((s, i) => ({ ...s, kind: kinds[i] }));
}

/** The list's name: its heading without the collector's remarks in brackets. */
function listName(heading: string): string {
  return heading.replace(/[（(][^）)]*(项|完整|部分|原文|获取|示例)[^）)]*[）)]/g, "").replace(/——.*$/, "").replace(/^[一二三四五六七八九十A-Z]+[、.．]\s*/, "").trim();
}

/**
 * Imports a list document: writes knowledge/lists/SET.yaml and the document as a source, with
 * concepts proposed for every item. Checks everything before writing and loads the result
 * afterwards; on any error nothing is left changed.
 */
export function importList(kb: KnowledgeBase, opts: ImportOptions): ImportReport {
  const name = basename(opts.file);
  if (!existsSync(opts.file)) throw new KnowledgeError(`找不到文件 ${opts.file}`);
  if (!/^[a-z]+$/.test(opts.set)) throw new KnowledgeError(`清单集名 ${opts.set} 只能用小写英文字母（如 hubei）`);
  const slug = name.replace(/\.txt$/, "");
  if (!/^[a-z0-9-]+$/.test(slug)) throw new KnowledgeError(`文件名 ${name} 只能用小写英文字母、数字和连字符（它就是引用里的 doc/<文件名>）`);
  const text = readFileSync(opts.file, "utf8").replace(/^\uFEFF/, "");
  const doc = parseListDocument(text, name);
  const path = kb.places.parse(opts.region);
  const region = path.length ? placeLabel(path) : opts.region.trim();
  if (!region) throw new KnowledgeError("请用 --region 写明清单适用的地区，如 湖北省咸宁市");
  const propose = createConceptProposer(kb);
  const lists: ImportedList[] = [];
  for (const section of chooseSections(doc, name, opts.kind)) {
    checkNumbering(section, name);
    const id = `${opts.set}/${section.kind}`;
    const closure = section.kind === "certificate" ? closureOf(doc, section) : undefined;
    lists.push({
      id,
      kind: section.kind,
      name: listName(section.heading) || doc.header["标题"],
      ...(closure ? { closure } : {}),
      items: section.items.map((it) => ({ id: `${id}/${it.number}`, text: it.text, proposals: propose(it.text, section.kind) })),
    });
  }
  const listsYaml = listFileYaml({
    comment: `${doc.header["标题"]}（${region}），由 kb import 从 ${name} 导入；条目文字与来源逐字一致，covers 为导入时建议的概念，请复核。`,
    set: opts.set,
    region,
    lists: lists.map((l) => ({ ...l, ...KINDS[l.kind], source: slug })),
  });
  const sourceYaml = sourceEntryYaml({ slug, header: doc.header, region });
  writeAtomically(opts.knowledgeDir, { set: opts.set, slug, listsYaml, sourceYaml, file: opts.file });
  return { set: opts.set, region, slug, lists };
}

interface Files {
  set: string;
  slug: string;
  listsYaml: string;
  sourceYaml: string;
  file: string;
}

/** Writes the list file, the source and its catalogue entry, then loads the knowledge base; restores everything if that fails. */
function writeAtomically(dir: string, f: Files): void {
  const listPath = join(dir, "lists", `${f.set}.yaml`);
  const docPath = join(dir, "sources", `${f.slug}.txt`);
  const catalogue = join(dir, "sources", "sources.yaml");
  const saved = new Map<string, string | null>();
  for (const p of [listPath, docPath, catalogue]) saved.set(p, existsSync(p) ? readFileSync(p, "utf8") : null);
  const write = (p: string, content: string) => {
    writeFileSync(`${p}.tmp`, content);
    renameSync(`${p}.tmp`, p);
  };
  try {
    write(listPath, f.listsYaml);
    if (docPath !== f.file) copyFileSync(f.file, docPath);
    write(catalogue, withSourceEntry(saved.get(catalogue) ?? "", f.slug, f.sourceYaml));
    const loaded = loadKnowledgeBase(dir);
    const off = loaded.items.filter((it) => it.set === f.set && !loaded.doc(it.source)?.text.includes(it.text));
    if (off.length) throw new KnowledgeError(`条目 ${off[0].id} 的文字在来源中找不到`);
  } catch (err) {
    for (const [p, content] of saved) {
      if (content === null) rmSync(p, { force: true });
      else writeFileSync(p, content);
    }
    throw err;
  }
}

/** sources.yaml with the entry for `slug` replaced, or added at the end. */
function withSourceEntry(catalogue: string, slug: string, entry: string): string {
  const entries = (parse(catalogue) ?? []) as Array<{ slug: string }>;
  if (!entries.some((e) => e.slug === slug)) return `${catalogue.trimEnd()}\n${entry}`;
  // Replace the existing block: from its "- slug:" line to the next one.
  const lines = catalogue.split("\n");
  const start = lines.findIndex((l) => l.trim() === `- slug: ${slug}`);
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith("- slug:")) end++;
  return [...lines.slice(0, start), entry.trimEnd(), ...lines.slice(end)].join("\n");
}
