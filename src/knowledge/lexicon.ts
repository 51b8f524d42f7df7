import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYamlCached } from "./yaml-file.js";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";
import type { Concept } from "../types.js";
import { CUE_KEYS } from "./cue-names.js";

/** Domain vocabulary, loaded from knowledge/lexicon/*.yaml. */
export interface Lexicon {
  /** variant → canonical terms it expands to (煤气罐 → 燃气). */
  synonyms: Map<string, string[]>;
  /** What tasks are, with their everyday words (concepts.yaml). */
  concepts: Map<string, Concept>;
  /** Named cue lists: question, directive, addressee, selfDone, pushback, news, … */
  cues: Record<string, string[]>;
  /** Concept the community must not be given → concepts it may do instead (report hazards …). */
  alternatives: Map<string, string[]>;
  /** Every term, for the tokenizer's user dictionary. */
  terms: string[];
  /** Misspelling → the word meant (typos.yaml). */
  typos: Map<string, string>;
}

/** The files of the lexicon folder that are not cue lists. */
const NOT_CUES = /^(synonyms|concepts|alternatives|typos)\./;

const words = z.array(z.string().min(1)).superRefine((ws, ctx) => {
  const seen = new Set<string>();
  for (const w of ws) {
    if (seen.has(w)) ctx.addIssue({ code: "custom", message: `“${w}”重复` });
    seen.add(w);
  }
});
const conceptId = z.string().regex(/^[a-z][a-z0-9-]*$/, "概念名只用小写英文字母、数字和连字符");
const synonymsSchema = z.record(z.string().min(1), words);
const conceptsSchema = z.record(
  conceptId,
  z.object({ label: z.string().min(2), broader: conceptId.optional(), handled_by: z.string().min(2).optional(), words }).strict(),
);
const alternativesSchema = z.record(conceptId, z.array(conceptId));
const cuesSchema = z.record(z.string().min(1), words);

function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  if (!existsSync(path)) return schema.parse({});
  let data: unknown;
  try {
    data = parseYamlCached(readFileSync(path, "utf8")) ?? {};
  } catch (err) {
    throw new KnowledgeError(`${path}: 不是合法的 YAML：${(err as Error).message}`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new KnowledgeError(`${path}: ${i.path.join(".")} ${i.message}`);
  }
  return r.data;
}

/** The known key closest to a misspelt one (one or two characters off), for the error message. */
function closest(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** Every key of a cue file must be a known cue list: a typo would leave its list silently empty. */
function checkCueKeys(path: string, data: Record<string, string[]>): void {
  for (const key of Object.keys(data)) {
    if (CUE_KEYS.has(key)) continue;
    const hint = closest(key, CUE_KEYS);
    throw new KnowledgeError(`${path}: 未知的词表名 ${key}${hint ? `（是不是 ${hint}？）` : ""}`);
  }
}

/** Loads synonyms.yaml, concepts.yaml, alternatives.yaml and the cue files from `dir`. */
export function loadLexicon(dir: string): Lexicon {
  const syn = readYaml(join(dir, "synonyms.yaml"), synonymsSchema);
  const typos = new Map<string, string>();
  for (const [right, wrongs] of Object.entries(readYaml(join(dir, "typos.yaml"), synonymsSchema))) for (const w of wrongs) typos.set(w, right);
  const conceptsPath = join(dir, "concepts.yaml");
  const concepts = new Map<string, Concept>(
    Object.entries(readYaml(conceptsPath, conceptsSchema)).map(([id, c]) => [
      id,
      { id, label: c.label, words: c.words, ...(c.broader ? { broader: c.broader } : {}), ...(c.handled_by ? { handledBy: c.handled_by } : {}) },
    ]),
  );
  for (const c of concepts.values()) {
    const seen = new Set([c.id]);
    for (let b = c.broader; b; b = concepts.get(b)?.broader) {
      if (!concepts.has(b)) throw new KnowledgeError(`${conceptsPath}: ${c.id} 的 broader ${b} 不是已定义的概念`);
      if (seen.has(b)) throw new KnowledgeError(`${conceptsPath}: ${c.id} 的 broader 绕成了圈（${[...seen].join(" → ")}）`);
      seen.add(b);
    }
  }
  const alternativesPath = join(dir, "alternatives.yaml");
  const alternatives = new Map(Object.entries(readYaml(alternativesPath, alternativesSchema)));
  for (const [id, alts] of alternatives) {
    for (const c of [id, ...alts]) {
      if (!concepts.has(c)) throw new KnowledgeError(`${alternativesPath}: ${c} 不是已定义的概念（见 ${conceptsPath}）`);
    }
  }
  // Every other *.yaml of the folder holds named cue lists (cues.yaml, screen-cues.yaml, …).
  const cues: Record<string, string[]> = {};
  const cueFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !NOT_CUES.test(f)).sort() : [];
  for (const f of cueFiles) {
    const path = join(dir, f);
    const data = readYaml(path, cuesSchema);
    checkCueKeys(path, data);
    for (const [name, ws] of Object.entries(data)) cues[name] = [...(cues[name] ?? []), ...ws];
  }
  const synonyms = new Map<string, string[]>();
  for (const [canonical, variants] of Object.entries(syn)) {
    for (const v of variants) synonyms.set(v, [...(synonyms.get(v) ?? []), canonical]);
  }
  const terms = new Set<string>([...Object.keys(syn), ...synonyms.keys()]);
  for (const c of concepts.values()) for (const w of c.words) terms.add(w);
  return { synonyms, concepts, alternatives, cues, typos, terms: [...terms].filter((t) => t.length > 1) };
}
