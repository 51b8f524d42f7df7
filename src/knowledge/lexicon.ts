import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";

/** Domain vocabulary, loaded from knowledge/lexicon/*.yaml. */
export interface Lexicon {
  /** variant → canonical terms it expands to (煤气罐 → 燃气). */
  synonyms: Map<string, string[]>;
  /** knowledge id → everyday task words that mean that item. */
  taskWords: Map<string, string[]>;
  /** Named cue lists: question, directive, addressee, selfDone, pushback, news, … */
  cues: Record<string, string[]>;
  /** negative item → duty/assist items the community may do instead (report hazards …). */
  alternatives: Map<string, string[]>;
  /** Every term, for the tokenizer's user dictionary. */
  terms: string[];
}

const words = z.array(z.string().min(1));
const synonymsSchema = z.record(z.string().min(1), words);
const tasksSchema = z.record(z.string().regex(/^[a-z-]+\/[a-z-]+\/\d+$|^doc\/[a-z0-9-]+/), words);
const cuesSchema = z.record(z.string().min(1), words);

function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  if (!existsSync(path)) return schema.parse({});
  let data: unknown;
  try {
    data = parse(readFileSync(path, "utf8")) ?? {};
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

/** Loads synonyms.yaml, tasks.yaml and cues.yaml from `dir`. */
export function loadLexicon(dir: string): Lexicon {
  const syn = readYaml(join(dir, "synonyms.yaml"), synonymsSchema);
  const tasks = readYaml(join(dir, "tasks.yaml"), tasksSchema);
  const alternatives = new Map(Object.entries(readYaml(join(dir, "alternatives.yaml"), tasksSchema)));
  // Every other *.yaml of the folder holds named cue lists (cues.yaml, screen-cues.yaml, …).
  const cues: Record<string, string[]> = {};
  const cueFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !/^(synonyms|tasks|alternatives)\./.test(f)).sort() : [];
  for (const f of cueFiles) {
    for (const [name, ws] of Object.entries(readYaml(join(dir, f), cuesSchema))) cues[name] = [...(cues[name] ?? []), ...ws];
  }
  const synonyms = new Map<string, string[]>();
  for (const [canonical, variants] of Object.entries(syn)) {
    for (const v of variants) synonyms.set(v, [...(synonyms.get(v) ?? []), canonical]);
  }
  const taskWords = new Map(Object.entries(tasks));
  const terms = new Set<string>([...Object.keys(syn), ...synonyms.keys()]);
  for (const ws of taskWords.values()) for (const w of ws) terms.add(w);
  return { synonyms, taskWords, alternatives, cues, terms: [...terms].filter((t) => t.length > 1) };
}
