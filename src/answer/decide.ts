import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { findBurden, groundsFor } from "../policy/burdens.js";
import { splitClauses } from "../policy/clauses.js";
import { CONCEPT, isNegativeTask, standsFor } from "../policy/concepts.js";
import { readScreenCues } from "../policy/cues.js";
import type { BurdenKind } from "../knowledge/grounds.js";
import { conceptAncestors } from "../policy/scope.js";
import { withoutOwnStallWord } from "../policy/framing.js";
import { note } from "../policy/rules.js";
import type { KnowledgeRetriever, QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import type { ListDef, ListItem, Passage, Verdict } from "../types.js";
import type { FollowupPoint } from "./followups.js";
import { admissionPassages, createListNamer, readInfo } from "./info.js";
import { isCertificateItem, readPaper } from "./papers.js";
import { createPreferences } from "./preferences.js";
import { asksForPaper, createCueDetector, type QuestionCues } from "./question-cues.js";
import * as rule from "./ask-rules.js";
import { asItem, guessesFrom, matchedTerms, matchesTask, reweigh, round, STRONG_MATCH, topItem, WEAK_MATCH } from "./ranking.js";

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
  /** A burden the question describes (a new 牌子, an app quota, extra 台账, 一票否决), cited to the rule that forbids it. */
  burden?: BurdenKind;
  /** Set when the question follows up the previous answer: what it asks about it. */
  followup?: FollowupPoint;
  /** Small talk (你好, 谢谢, 在吗): answered with one friendly line. */
  smallTalk?: boolean;
  /** For a message that names nothing clearly: the items it might be about, for "您是想问…吗". */
  guesses?: ListItem[];
  /** The concepts the question names that the first item stands for (who handles it, what to do instead). */
  concepts: string[];
  /** The place whose lists were applied (甘肃省, 云南省昆明市西山区). */
  place: string;
}

/** Items of the same list within this share of the first are cited too, as related. */
const RELATED_RATIO = 0.35;
/** Second item within this share of the first, from another list, is a real alternative reading. */
const SIDE_RATIO = 0.6;
/** A certificate item this close to the first makes the paper asked for a listed one. */
const CERTIFICATE_NEAR = 0.5;

/** Builds the offline decision function over a knowledge base and the retriever of one place. */
export function createDecider(kb: KnowledgeBase, retriever: KnowledgeRetriever) {
  const scope = retriever.scope;
  const detect = createCueDetector(kb.lexicon);
  const order = createPreferences(kb, scope, STRONG_MATCH);
  const admission = admissionPassages(retriever);
  const namedListOf = createListNamer(kb, scope);
  const screenCues = readScreenCues(kb.lexicon);

  /**
   * What the community may do instead of a negative item's tasks: this place's items for the
   * alternatives of the concepts the question named (else of all the item stands for).
   */
  function alternativesOf(item: ListItem, named: string[]): ListItem[] {
    const from = named.some((c) => kb.lexicon.alternatives.has(c)) ? named : scope.effective(item).flatMap((c) => [c, ...kb.lexicon.concepts.keys()].filter((d) => conceptAncestors(kb, d).includes(c)));
    const concepts = [...new Set(from.flatMap((c) => kb.lexicon.alternatives.get(c) ?? []))];
    return [...new Set(concepts.map((c) => scope.itemFor(c)).filter((i): i is ListItem => !!i))];
  }

  /** The burden a question describes, as the screener reads it clause by clause (certificates apart: papers are judged above). */
  function burdenAsked(question: string): BurdenKind | undefined {
    const clauses = splitClauses(question);
    for (let i = 0; i < clauses.length; i++) {
      const b = findBurden(clauses, i, screenCues, retriever, kb);
      if (b && b.kind !== "certificate") return b.kind;
    }
    return undefined;
  }

  return function decide(question: string, previous?: string): Decision {
    let query = question;
    // The stall of the community's own publicity (摆摊讲禁毒) names no street vending.
    let a = retriever.analyze(withoutOwnStallWord(question));
    let cues = detect(a.norm);
    let hits = retriever.searchAnalyzed(a, { limit: 12 });
    if (previous) {
      // In a conversation the community context carries over; who handed the task only to a short follow-up.
      const prev = detect(retriever.analyze(previous).norm);
      cues = { ...cues, community: cues.community || prev.community, assign: cues.assign || (cues.followup && prev.assign) };
    }
    // What every decision carries, for the question as finally read.
    const baseOf = () => ({ cues, hits, query, place: scope.label, concepts: [] as string[], alternatives: [] as ListItem[], items: [] as ListItem[], passages: [] as Passage[] });
    // Small talk is small talk in a conversation too ("谢谢啊👍" after an answer).
    if (rule.smallTalk.holds(a.norm, kb.lexicon.cues.smalltalk ?? [])) return { ...baseOf(), verdict: "out_of_scope", citations: [], confidence: 0.9, smallTalk: true };
    // A short question naming no task of its own leans on the previous one ("要我们自己拔吗？"),
    // unless it says the topic changes ("对了，今天下雪没").
    const leans = !rule.topicChange.holds(a.norm) && (cues.followup || rule.leansOnPrevious.holds(a.norm, a.taskHits.size));
    if (previous && leans) {
      // "那电梯呢" leans on the previous question for what is asked; "那还要开学历证明呢" names its own paper.
      const selfContained = rule.ownPaper.holds(cues.certificate && (asksForPaper(a.norm) || rule.barePaper.holds(a.norm))) || rule.ownAction.holds(cues.enforce + cues.serve > 0);
      if ((topItem(hits)[0]?.score ?? 0) < STRONG_MATCH && !selfContained) {
        query = `${question} ${previous}`;
        a = retriever.analyze(query);
        hits = retriever.searchAnalyzed(a, { limit: 12 });
      }
    }
    const { items, seenHazard, checked } = order(reweigh(topItem(hits), cues, a), a, cues);
    const top = items[0];
    const topScore = top?.score ?? 0;
    const passages = hits.filter((h) => h.entry.kind === "passage");
    const base = baseOf();
    const named = !!top && (a.taskHits.has(top.id) || a.expandedHits.has(top.id));
    // A paper asked for, or named alone ("那转学证明呢").
    const paperAsked = cues.certificate && (asksForPaper(a.norm) || rule.barePaper.holds(a.norm));

    // A certificate on a list is community business even when no 社区 word is said.
    const listedCertificate = cues.certificate && top?.entry.kind === "item" && isCertificateItem(top.entry.item) && a.taskHits.has(top.id);
    const certificateAsked = (listedCertificate && topScore >= STRONG_MATCH) || (paperAsked && scope.closedCertificateLists.length > 0);
    // A place name alone (重庆火锅) is not a question about its document.
    const aboutDocument = cues.docref && (cues.info || cues.policy);
    // "看到阳台种了罂粟，该咋办？": asking what to do about a task a list names in so many words.
    const handlesListedTask = cues.handle && !!top && a.taskHits.has(top.id) && topScore >= STRONG_MATCH;
    // A bare topic or fragment sent to the bot ("禁毒宣传", "协助征税？") asks about that task.
    const bareTopic = (named || topScore >= WEAK_MATCH) && rule.bare.holds(a.norm, [...(a.taskHits.get(top?.id ?? "") ?? []), ...a.variants, ...matchedTerms(a, top)]);
    const why =
      (cues.community && "社区工作的语境") ||
      (cues.assign && "有人派活") ||
      (aboutDocument && "问文件") ||
      (cues.policy && cues.info && "问减负规定") ||
      (certificateAsked && "要社区开证明") ||
      (handlesListedTask && "问清单上的事怎么办") ||
      (seenHazard && "发现隐患") ||
      (bareTopic && "只说了一件事");
    if (!rule.communityBusiness.holds(why)) return { ...base, verdict: "out_of_scope", citations: [], confidence: 0.85, guesses: guessesFrom(items, a) };

    const rival = top ? items.find((h) => asItem(h).verdict !== asItem(top).verdict) : undefined;
    const taskMatch = matchesTask(top, rival?.score ?? 0);
    const namedList = namedListOf(a);
    // A fact question, or a question about the burden rules themselves (牌子, 台账, 考核, 证明…) that names no listed task.
    // (When someone hands the community such a thing, 开个居住证明 say, it is a task on no list instead.)
    // "开个学历证明" asks for one paper; "只开一种证明了，是哪个" asks about the rules.
    const onePaper = paperAsked && !/(一|哪|什么|几|多少)(种|项|类|个)?证明/.test(a.norm);
    const policyQuestion = cues.policy && !taskMatch && !cues.unlisted && !cues.assign && !onePaper;
    // With no list or document named, a fact question must be about the policies (减负, 台账, 证明…);
    // "派出所值班电话是多少" is not, and "学校让社区统计多少孩子上培训班" hands over a task.
    const aboutPolicies = cues.policy || cues.certificate;
    const asksFact =
      (cues.info && (cues.docref || a.docs.length > 0 || !!namedList || (!taskMatch && !cues.assign && aboutPolicies))) || policyQuestion || (!taskMatch && rule.procedure.holds(a.norm));
    // "就统计一下也算负面清单？" asks for the verdict on the task it names.
    if (rule.infoQuestion.holds(asksFact && !(taskMatch && rule.whetherListed.holds(a.norm)), namedList)) {
      // How 准入 works is answered from the admission rules of the place (and the national ones).
      const asksProcedure = !taskMatch && rule.procedure.holds(a.norm);
      const info = readInfo(kb, retriever, a, top, topScore, STRONG_MATCH, asksProcedure ? admission.map((p) => ({ id: p.id, score: 1, entry: { kind: "passage" as const, passage: p, doc: kb.doc(p.slug)! } })) : passages, namedList);
      return { ...base, verdict: "info", items: info.items, passages: info.passages, list: info.list, citations: info.citations, confidence: info.confidence };
    }

    const paper = readPaper(kb, scope, items, a, paperAsked || listedCertificate, STRONG_MATCH);
    if (paper) {
      const citations = [...paper.passages.map((p) => p.id), ...paper.items.map((i) => i.id)].slice(0, 4);
      return { ...base, verdict: paper.verdict, items: paper.items, passages: paper.passages, citations, confidence: 0.8 };
    }

    // A paper the community is asked to issue that is on no certificate list (空置证明, 噪音扰民证明)
    // is a task on no list, whatever its story touches.
    const certificateNear = items.some((h) => h.entry.kind === "item" && isCertificateItem(h.entry.item) && h.score >= CERTIFICATE_NEAR * topScore);
    // Commercial requests are on no list, unless a list here names them (湖南：摊派商业保险) or what
    // they ask for is a certificate the list forbids.
    const listNamesIt =
      !!top && top.entry.kind === "item" && isNegativeTask(top.entry.item) &&
      [...a.conceptHits.keys()].some((c) => conceptAncestors(kb, c).includes(CONCEPT.commercialQuotas) && standsFor(kb, scope, asItem(top), c));
    const onNoList =
      rule.noTask.holds(!taskMatch) || rule.unlistedPaper.holds(paperAsked && !certificateNear) || rule.commercial.holds(cues.unlisted && !listedCertificate && !listNamesIt && topScore < 3 * STRONG_MATCH);
    // A burden laid on the community (下载App排名考核) outweighs the duty or assisted topic it serves (禁毒).
    const burden = !taskMatch || cues.assign ? burdenAsked(question) : undefined;
    const burdenFirst = rule.burdenOverTopic.holds(burden, top?.entry.kind === "item" && isNegativeTask(top.entry.item));
    if (onNoList || burdenFirst) {
      // Only someone handing the community a task makes it an unlisted task (a paper to issue, a
      // burden laid on it count too); else it is small talk.
      if (!cues.assign && !paperAsked && !burden) return { ...base, verdict: "out_of_scope", citations: [], confidence: 0.6, guesses: guessesFrom(items, a) };
      // A burden the documents forbid without approval is cited to that rule, as screening cites it.
      const grounds = burden ? groundsFor(kb, scope, burden).map((id) => kb.get(id)).filter((e) => e?.kind === "passage").map((e) => (e as { passage: Passage }).passage) : [];
      const shown = [...new Set([...grounds, ...admission])].slice(0, 3);
      return { ...base, verdict: "unlisted", burden, passages: shown, citations: shown.map((p) => p.id), confidence: cues.unlisted ? 0.75 : 0.55 };
    }

    const first = asItem(top);
    note("item.match", { span: (a.taskHits.get(first.id) ?? []).join("、"), weight: Math.round(topScore), detail: first.id });
    const concepts = [...(checked ? [checked] : []), ...a.conceptHits.keys()].filter((c, i, all) => all.indexOf(c) === i && standsFor(kb, scope, first, c));
    const other = items.find((h) => asItem(h).verdict !== first.verdict);
    const sideOk = other && other.score >= SIDE_RATIO * topScore && (cues.doubt || other.score >= 0.8 * topScore);
    const sameList = items.slice(1).filter((h) => asItem(h).verdict === first.verdict && h.score >= RELATED_RATIO * topScore).slice(0, 2);
    const chosen = [top, ...(sideOk && rule.twoSides.holds(first, asItem(other)) ? [other] : []), ...sameList].map(asItem);
    const alternatives = first.verdict === "negative" ? alternativesOf(first, concepts) : [];
    const support = scope.support(first);
    rule.localSupport.holds(support);
    const citations = [...new Set([...chosen.map((i) => i.id), ...alternatives.map((i) => i.id), ...support.map((i) => i.id)])].slice(0, 5);
    const margin = 1 - (items[1]?.score ?? 0) / topScore;
    const strength = Math.min(1, topScore / (3 * STRONG_MATCH));
    return {
      ...base,
      verdict: first.verdict,
      items: chosen,
      sides: sideOk ? [first, asItem(other)] : undefined,
      alternatives,
      concepts,
      citations,
      confidence: round(0.45 + 0.3 * strength + 0.2 * margin),
    };
  };
}

export type { QueryAnalysis };
