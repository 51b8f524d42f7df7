import { existsSync, readFileSync } from "node:fs";
import { parseYamlCached } from "./yaml-file.js";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";
import type { Passage, SourceDoc } from "../types.js";

/** The burdens the documents forbid besides list tasks. */
export const BURDEN_KINDS = ["plaque", "post", "app", "ledger", "certificate", "veto"] as const;
export type BurdenKind = (typeof BURDEN_KINDS)[number];

const schema = z.record(
  z.enum(BURDEN_KINDS),
  z.object({ rule: z.string().min(4), passages: z.array(z.object({ doc: z.string(), find: z.string().min(2) }).strict()).min(1) }).strict(),
);

/** What a burden breaks: the rule in one line, and the passages that state it, in the file's order. */
export interface Ground {
  rule: string;
  passages: Passage[];
}

export type Grounds = Map<BurdenKind, Ground>;

/** Loads grounds.yaml; every passage must be found in its document. */
export function loadGrounds(path: string, docs: SourceDoc[]): Grounds {
  if (!existsSync(path)) return new Map();
  const r = schema.safeParse(parseYamlCached(readFileSync(path, "utf8")) ?? {});
  if (!r.success) throw new KnowledgeError(`${path}: ${r.error.issues[0].path.join(".")} ${r.error.issues[0].message}`);
  const bySlug = new Map(docs.map((d) => [d.slug, d]));
  const out: Grounds = new Map();
  for (const [kind, g] of Object.entries(r.data) as Array<[BurdenKind, { rule: string; passages: Array<{ doc: string; find: string }> }]>) {
    const passages = g.passages.map(({ doc, find }) => {
      const d = bySlug.get(doc);
      if (!d) throw new KnowledgeError(`${path}: ${kind} 的依据 ${doc} 不在 sources.yaml 中`);
      const p = d.passages.find((x) => x.text.includes(find));
      if (!p) throw new KnowledgeError(`${path}: 在 ${doc} 里找不到“${find}”`);
      return p;
    });
    out.set(kind, { rule: g.rule, passages });
  }
  return out;
}
