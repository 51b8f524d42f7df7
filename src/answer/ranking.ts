import type { QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import { defineRule } from "../policy/rules.js";
import type { ListItem } from "../types.js";
import { isCertificateItem } from "./papers.js";
import type { QuestionCues } from "./question-cues.js";

/* How strongly a question names an item: scores, the lean of its action words, and the thresholds. */

/** Item score above which a question is taken to name that task (BM25 + task-word bonus). */
export const STRONG_MATCH = 18;
/** A weaker match still counts when it stands out this clearly from the best item of another list. */
export const WEAK_MATCH = 13;
const STANDOUT_RATIO = 1.8;
/** Per action cue, how much an item of the matching kind gains (capped at three cues). */
const ACTION_GAIN = 0.12;
/** Certificate items count this much when the question says nothing of a certificate (档案 ≠ 档案证明). */
const NO_CERTIFICATE_FACTOR = 0.3;

const strongMatch = defineRule("ask.strong-match", "问题和某个条目高度吻合（检索得分够高），就是在问这件事", (id: string, score: number) =>
  score >= STRONG_MATCH ? { span: id, weight: Math.round(score) } : null,
);
const standsOut = defineRule("ask.stands-out", "得分不算高，但远高于另一张清单的最佳条目，也算问的是这件事", (id: string, score: number, rival: number) =>
  score >= WEAK_MATCH && score >= STANDOUT_RATIO * rival ? { span: id, weight: Math.round(score) } : null,
);
const actionLean = defineRule("ask.action-lean", "检查、执法的字眼让负面清单条目加分；组织、宣传、上报的字眼让职责和协助条目加分", (enforce: number, serve: number) =>
  enforce + serve > 0 ? { span: `执法 ${enforce}，服务 ${serve}`, weight: Math.round(100 * ((1 + ACTION_GAIN * Math.min(enforce, 3)) / (1 + ACTION_GAIN * Math.min(serve, 3)))) / 100 } : null,
);

/** Whether the first item is the task asked about: a strong match, or one standing out from the other lists. */
export function matchesTask(top: SearchHit | undefined, rivalScore: number): boolean {
  if (!top) return false;
  return strongMatch.holds(top.id, top.score) || standsOut.holds(top.id, top.score, rivalScore);
}

/** The question's words that also stand in the top item's text (电梯 in "电梯年检"). */
export function matchedTerms(a: QueryAnalysis, top: SearchHit | undefined): string[] {
  if (!top || top.entry.kind !== "item") return [];
  const text = top.entry.item.text;
  const out: string[] = [];
  const q = a.norm.replace(/\s+/g, "");
  for (let i = 0; i + 1 < q.length; i++) if (text.includes(q.slice(i, i + 2))) out.push(q.slice(i, i + 2));
  return out;
}

/** Items a vague message may be about: those whose task words it writes, or that score clearly. */
export function guessesFrom(items: SearchHit[], a: QueryAnalysis): ListItem[] {
  return items
    .filter((h) => a.taskHits.has(h.id) || a.expandedHits.has(h.id) || h.score >= WEAK_MATCH)
    .slice(0, 3)
    .map(asItem);
}

export function asItem(h: SearchHit): ListItem {
  if (h.entry.kind !== "item") throw new Error(`not an item: ${h.id}`);
  return h.entry.item;
}

/**
 * Inspection and enforcement words lean towards the negative list (the community has no mandate
 * or expertise there); organising, publicising and reporting words lean towards duty and assist.
 * A list written by category (民发〔2015〕136号) counts only through the tasks it covers.
 */
export function reweigh(items: SearchHit[], cues: QuestionCues, a: QueryAnalysis): SearchHit[] {
  const gain = (n: number) => 1 + ACTION_GAIN * Math.min(n, 3);
  const enforce = actionLean.holds(cues.enforce, cues.serve) ? gain(cues.enforce) / gain(cues.serve) : 1;
  return items
    .map((h) => {
      const item = asItem(h);
      const reached = item.list !== "cancelled" || a.taskHits.has(h.id) || a.expandedHits.has(h.id);
      const factor = !reached
        ? NO_CERTIFICATE_FACTOR
        : isCertificateItem(item)
          ? cues.certificate
            ? 1
            : NO_CERTIFICATE_FACTOR
          : item.verdict === "negative"
            ? enforce
            : 1 / enforce;
      return { ...h, score: h.score * factor };
    })
    .sort((x, y) => y.score - x.score);
}

export function topItem(hits: SearchHit[]): SearchHit[] {
  return hits.filter((h) => h.entry.kind === "item");
}

export function round(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0, x)) * 100) / 100;
}

