import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";
import type { ListDef, ListItem, Passage, Verdict } from "../types.js";
import { withoutOwnStallWord } from "../policy/framing.js";
import { createPreferences } from "./preferences.js";
import { asksForPaper, createCueDetector, type QuestionCues } from "./question-cues.js";

/** What the offline logic concluded, before any text is written. */
export interface Decision {
  verdict: Verdict;
  /** Knowledge ids, best first. */
  citations: string[];
  /** The matched items, best first (empty for info/unlisted/out_of_scope). */
  items: ListItem[];
  /** "It depends": the two sides, when the question sits between two lists. */
  sides?: [ListItem, ListItem];
  /** What the community may do instead (negative verdicts). */
  alternatives: ListItem[];
  passages: Passage[];
  /** A list the question is about as a whole (info: "负面清单一共几类？"). */
  list?: ListDef;
  confidence: number;
  cues: QuestionCues;
  /** Everything retrieval returned, for the LLM composer. */
  hits: SearchHit[];
  /** The text actually searched (question, or question + previous for a follow-up). */
  query: string;
}

/** Item score above which a question is taken to name that task (BM25 + task-word bonus). */
const STRONG_MATCH = 18;
/** A weaker match still counts when it stands out this clearly from the best item of another list. */
const WEAK_MATCH = 13;
const STANDOUT_RATIO = 1.8;
/** Per action cue, how much an item of the matching kind gains (capped at three cues). */
const ACTION_GAIN = 0.12;
/** Items of the same list within this share of the first are cited too, as related. */
const RELATED_RATIO = 0.35;
/** Certificate items count this much when the question says nothing of a certificate (档案 ≠ 档案证明). */
const NO_CERTIFICATE_FACTOR = 0.3;
/** Second item within this share of the first, from another list, is a real alternative reading. */
const SIDE_RATIO = 0.6;
/** Query that finds the 准入制度 passages cited for tasks on no list. */
const ADMISSION_QUERY = "社区工作准入制度 清单以外的事项 按照准入审批程序报批 未经申请批准的工作事项一律不准进入社区 依法依规提出申请 审核 批准后纳入清单管理";

/** A certificate item this close to the first makes the paper asked for a listed one. */
const CERTIFICATE_NEAR = 0.5;

/** Asks for a fact of one item: its number or its legal basis (督促孩子上学那一条是第几条？依据是哪部法？). */
const ITEM_FACT = /第几(条|项)|哪一(条|项)|依据|哪部法|什么法/;

/** A piece that says what the task is not: "不是去查商铺那种", "并不是要拆". */
const DISOWNED = /(^|[，,。？?！!；;\s])(这)?(不是|并不是|并非)(去|要)?(查|检查|排查|拆|执法|罚)[^，,。？?！!；;]*/g;

/** The question without the pieces that disown a task; the question itself when nothing else is left. */
function withoutDisowned(question: string): string {
  const rest = question.replace(DISOWNED, "$1").trim();
  return rest.replace(/[，,。？?！!；;\s]/g, "") ? rest : question;
}

/** Builds the offline decision function over a knowledge base and its retriever. */
export function createDecider(kb: KnowledgeBase, retriever: KnowledgeRetriever) {
  const detect = createCueDetector(kb.lexicon);
  const order = createPreferences(kb, retriever.scope, STRONG_MATCH);
  const admission = admissionPassages(retriever);
  const listNames = new PhraseMatcher<ListDef>();
  for (const l of kb.lists) for (const alias of [l.name, l.short, ...l.aliases]) listNames.add(alias, l);

  /** The list a question names, by its longest alias; a list from another document than the one named does not count. */
  function namedListOf(a: ReturnType<KnowledgeRetriever["analyze"]>): ListDef | undefined {
    const matches = listNames
      .match(a.norm.replace(/\s+/g, ""))
      .filter((m) => a.docs.length === 0 || a.docs.includes(m.value.source))
      .sort((x, y) => y.phrase.length - x.phrase.length);
    return matches[0]?.value;
  }

  function infoDecision(
    base: Omit<Decision, "verdict" | "citations" | "confidence">,
    a: ReturnType<KnowledgeRetriever["analyze"]>,
    top: SearchHit | undefined,
    topScore: number,
    passages: SearchHit[],
    list: ListDef | undefined,
  ): Decision {
    const ps = passages.length ? passages : retriever.searchAnalyzed(a, { kinds: ["passage"], limit: 3 });
    const floor = (ps[0]?.score ?? 0) * 0.5;
    const cited = ps
      .filter((h) => h.score >= floor)
      .slice(0, 3)
      .map((h) => (h.entry.kind === "passage" ? h.entry.passage : undefined))
      .filter((p): p is Passage => !!p);
    // A question about an item's own facts (its number, its legal basis) cites the item first.
    const itemFirst = top && (topScore > (ps[0]?.score ?? 0) || (ITEM_FACT.test(a.norm) && topScore >= STRONG_MATCH)) ? [top] : [];
    if (list && !itemFirst.length) {
      // The list's own document first (where it is published), then its first items.
      const source = kb.doc(list.source);
      const home = cited.find((p) => p.slug === list.source) ?? source?.passages.find((p) => p.text.includes(list.name)) ?? source?.passages[0];
      const shown = home ? [home] : cited.slice(0, 1);
      return {
        ...base,
        verdict: "info",
        list,
        passages: shown,
        citations: [...shown.map((p) => p.id), ...list.items.slice(0, 2).map((i) => i.id)],
        confidence: 0.75,
      };
    }
    return {
      ...base,
      verdict: "info",
      items: itemFirst.map(asItem),
      passages: cited,
      citations: [...itemFirst.map((h) => h.id), ...cited.map((p) => p.id)].slice(0, 4),
      confidence: cited.length ? 0.7 : 0.4,
    };
  }

  return function decide(question: string, previous?: string): Decision {
    let query = question;
    // Neither a disowned check nor the stall of the community's own publicity (摆摊讲禁毒) names the task.
    let a = retriever.analyze(withoutOwnStallWord(withoutDisowned(question)));
    let cues = detect(a.norm);
    let hits = retriever.searchAnalyzed(a, { limit: 12 });
    if (previous && cues.followup) {
      const prev = detect(retriever.analyze(previous).norm);
      cues = { ...cues, community: cues.community || prev.community, assign: cues.assign || prev.assign };
      if ((topItem(hits)[0]?.score ?? 0) < STRONG_MATCH) {
        query = `${question} ${previous}`;
        a = retriever.analyze(query);
        hits = retriever.searchAnalyzed(a, { limit: 12 });
      }
    }
    const { items, seenHazard } = order(reweigh(topItem(hits), cues), a, cues);
    const top = items[0];
    const topScore = top?.score ?? 0;
    const passages = hits.filter((h) => h.entry.kind === "passage");
    const base = { cues, hits, query, alternatives: [] as ListItem[], items: [] as ListItem[], passages: [] as Passage[] };

    // A certificate on the national list is community business even when no 社区 word is said.
    const listedCertificate = cues.certificate && top?.entry.kind === "item" && top.entry.item.list === "no-certificate" && a.taskHits.has(top.id);
    const certificateAsked = listedCertificate && topScore >= STRONG_MATCH;
    // A place name alone (重庆火锅) is not a question about its document.
    const aboutDocument = cues.docref && (cues.info || cues.policy);
    // "看到阳台种了罂粟，该咋办？": asking what to do about a task a list names in so many words.
    const handlesListedTask = cues.handle && !!top && a.taskHits.has(top.id) && topScore >= STRONG_MATCH;
    if (!(cues.community || cues.assign || aboutDocument || certificateAsked || handlesListedTask || seenHazard)) {
      return { ...base, verdict: "out_of_scope", citations: [], confidence: 0.85 };
    }
    const rival = top ? items.find((h) => asItem(h).verdict !== asItem(top).verdict) : undefined;
    const standsOut = topScore >= WEAK_MATCH && topScore >= STANDOUT_RATIO * (rival?.score ?? 0);
    const taskMatch = Boolean(top) && (topScore >= STRONG_MATCH || standsOut);
    const namedList = namedListOf(a);
    // A fact question, or a question about the burden rules themselves (牌子, 台账, 考核, 证明…) that names no listed task.
    // (When someone hands the community such a thing, 开个居住证明 say, it is a task on no list instead.)
    const policyQuestion = cues.policy && !taskMatch && !cues.unlisted && !cues.assign;
    // With no list or document named, a fact question must be about the policies (减负, 台账, 证明…);
    // "派出所值班电话是多少" is not, and "学校让社区统计多少孩子上培训班" hands over a task.
    const aboutPolicies = cues.policy || cues.certificate;
    if ((cues.info && (cues.docref || a.docs.length > 0 || namedList || (!taskMatch && !cues.assign && aboutPolicies))) || policyQuestion) {
      return infoDecision(base, a, top, topScore, passages, namedList);
    }
    // A paper the community is asked to issue that is on no certificate list (空置证明, 噪音扰民证明)
    // is a task on no list, whatever its story touches.
    const certificateNear = items.some((h) => h.entry.kind === "item" && h.entry.item.list === "no-certificate" && h.score >= CERTIFICATE_NEAR * topScore);
    const unlistedPaper = cues.certificate && asksForPaper(a.norm) && !certificateNear;
    // Commercial requests are on no list, unless what they ask for is a certificate the national list forbids.
    if (!taskMatch || unlistedPaper || (cues.unlisted && !listedCertificate && topScore < 3 * STRONG_MATCH)) {
      // Only someone handing the community a task makes it an unlisted task; else it is small talk.
      if (!cues.assign) return { ...base, verdict: "out_of_scope", citations: [], confidence: 0.6 };
      return { ...base, verdict: "unlisted", passages: admission, citations: admission.map((p) => p.id), confidence: cues.unlisted ? 0.75 : 0.55 };
    }

    const first = asItem(top);
    const other = items.find((h) => asItem(h).verdict !== first.verdict);
    const sideOk = other && other.score >= SIDE_RATIO * topScore && (cues.doubt || other.score >= 0.8 * topScore);
    const sameList = items.slice(1).filter((h) => asItem(h).verdict === first.verdict && h.score >= RELATED_RATIO * topScore).slice(0, 2);
    const chosen = [top, ...(sideOk ? [other] : []), ...sameList].map(asItem);
    const alternatives = first.verdict === "negative" ? alternativesOf(kb, first) : [];
    const citations = [...new Set([...chosen.map((i) => i.id), ...alternatives.map((i) => i.id)])].slice(0, 5);
    const margin = 1 - (items[1]?.score ?? 0) / topScore;
    const strength = Math.min(1, topScore / (3 * STRONG_MATCH));
    return {
      ...base,
      verdict: first.verdict,
      items: chosen,
      sides: sideOk ? [first, asItem(other)] : undefined,
      alternatives,
      citations,
      confidence: round(0.45 + 0.3 * strength + 0.2 * margin),
    };
  };
}

/** What the community may do instead of a negative item's tasks: items covering the concepts' alternatives. */
function alternativesOf(kb: KnowledgeBase, item: ListItem): ListItem[] {
  const concepts = [...new Set(item.covers.flatMap((c) => kb.lexicon.alternatives.get(c) ?? []))];
  return [...new Set(concepts.flatMap((c) => kb.covering(c)))];
}

function asItem(h: SearchHit): ListItem {
  if (h.entry.kind !== "item") throw new Error(`not an item: ${h.id}`);
  return h.entry.item;
}

/**
 * Inspection and enforcement words lean towards the negative list (the community has no mandate
 * or expertise there); organising, publicising and reporting words lean towards duty and assist.
 */
function reweigh(items: SearchHit[], cues: QuestionCues): SearchHit[] {
  const gain = (n: number) => 1 + ACTION_GAIN * Math.min(n, 3);
  return items
    .map((h) => {
      const item = asItem(h);
      const enforce = gain(cues.enforce) / gain(cues.serve);
      const factor = item.list === "negative" ? enforce : item.list === "no-certificate" ? (cues.certificate ? 1 : NO_CERTIFICATE_FACTOR) : 1 / enforce;
      return { ...h, score: h.score * factor };
    })
    .sort((x, y) => y.score - x.score);
}

function topItem(hits: SearchHit[]): SearchHit[] {
  return hits.filter((h) => h.entry.kind === "item");
}

function round(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0, x)) * 100) / 100;
}

/** The best 准入制度 passage of each document, best first (at most three). */
function admissionPassages(retriever: KnowledgeRetriever): Passage[] {
  const seen = new Set<string>();
  const out: Passage[] = [];
  for (const h of retriever.search(ADMISSION_QUERY, { kinds: ["passage"], limit: 30 })) {
    if (h.entry.kind !== "passage" || seen.has(h.entry.passage.slug)) continue;
    seen.add(h.entry.passage.slug);
    out.push(h.entry.passage);
  }
  return out.slice(0, 3);
}
