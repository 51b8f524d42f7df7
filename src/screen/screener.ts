import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import type { ListItem, ScreenResult } from "../types.js";
import { BURDEN_CONCEPT, isNegativeTask } from "../policy/concepts.js";
import { defineRule, traced, untraced, type RuleFiring } from "../policy/rules.js";
import type { Scope } from "../policy/scope.js";
import { burdenCitations, findBurden, type BurdenHit, type BurdenKind } from "../policy/burdens.js";
import { mentionsAll, screenNormalize, splitClauses, type Clause } from "../policy/clauses.js";
import { hasCue, readScreenCues, type ScreenCues } from "../policy/cues.js";
import { directiveLevel, findAddressee, messageContext, type DirectiveLevel, type MessageContext } from "../policy/directive.js";
import { clauseExclusion, messageExclusion, stripNegated, type Exclusion } from "../policy/exclusions.js";
import { createNegativeGate } from "./gate.js";
import { HARD_ENFORCE } from "../policy/task-definition.js";
import { matchClause, type NegativeMatch } from "./negative-match.js";
import { SHARE } from "../policy/vocabulary.js";
import { createPrefilter } from "./prefilter.js";
import { burdenReason, clearReason, negativeReason } from "./reason.js";

/** Optional context of a group message. */
export interface ScreenContext {
  sender?: string;
  group?: string;
}

/** Screens group messages for pushes of forbidden tasks onto communities. */
export interface Screener {
  screen(text: string, ctx?: ScreenContext): ScreenResult;
}

/*
 * Confidence convention: the confidence is in the decision returned, flagged or not.
 * - flagged: ~0.9 for addressee + order + a clear negative-list match; weaker evidence lands in
 *   0.5–0.75, the LLM second-opinion band.
 * - not flagged: 0.97 when the prefilter saw nothing to judge; 0.9 when no clause named a task;
 *   0.8–0.85 when an exclusion (question, pushback, self-done …) explained it; 0.6–0.7 for a
 *   near miss (a negative-list task with no clear order or addressee), which goes to the LLM.
 */
const CLEAR_FAST = 0.97;
const CLEAR_NOTHING = 0.9;
const CLEAR_MESSAGE_EXCLUSION = 0.85;
const CLEAR_CLAUSE_EXCLUSION = 0.8;
const CLEAR_NEAR_MISS = 0.65;
const MAX_CONFIDENCE = 0.95;

interface Candidate<T> {
  clause: Clause;
  hit: T;
  addressee: string;
  confidence: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

const listedBurden = defineRule("burden.on-negative-list", "这种负担本地负面清单里写明了，按负面清单事项标记", (kind: BurdenKind, scope: Scope) => {
  const concept = BURDEN_CONCEPT[kind];
  const item = concept ? scope.itemFor(concept, isNegativeTask) : undefined;
  return item ? { span: item.text, detail: item.id } : null;
});

/** A notice's title and whom it addresses (【安全生产月活动安排】各社区：): the points below it set the tasks. */
// A bracketed title, or a plain one: 关于开展“安全生产月”活动的通知.
const HEADING = /^\s*[【\[][^】\]]*[】\]]\s*|^\s*关于[^，,；;]{2,40}?的(通知|安排|方案|提醒|函|意见)\s*/;
const byLength = new WeakMap<readonly string[], string[]>();
const longestFirst = (words: readonly string[]) => byLength.get(words) ?? byLength.set(words, [...words].sort((a, b) => b.length - a.length)).get(words)!;
const headingOnly = defineRule("screen.heading-only", "只是通知的标题和称呼（【安全生产月活动安排】各社区：），要看下面各条", (t: string, cues: ScreenCues) => {
  const title = HEADING.exec(t)?.[0];
  if (!title) return null;
  let rest = t.slice(title.length);
  for (const w of longestFirst(cues.addressee)) rest = rest.split(w).join("");
  return rest.replace(/[\s：:，,、。!！]/g, "") ? null : { span: title.trim() };
});

const namedAddressee = defineRule("addressee.named", "这一句点名了社区一方（各社区、网格员、你们）", (name: string | undefined) => (name ? { span: name, weight: 0.15 } : null));
const noticeToAll = defineRule("addressee.notice-to-all", "整条消息是发给各社区的通知（【通知】抬头、“各社区：”、@所有人）", (yes: boolean) => (yes ? { span: "", weight: 0.12 } : null));
const departmentSender = defineRule("addressee.department-sender", "发消息的是部门或街道", (yes: boolean, sender?: string) => (yes ? { span: sender ?? "", weight: 0.08 } : null));

/** Who the clause is addressed to, and how sure we are of it (0 none … 0.15 named in the clause). */
function addresseeOf(clause: Clause, mc: MessageContext, cues: ReturnType<typeof readScreenCues>, sender?: string): { name?: string; weight: number } {
  const named = findAddressee(clause.text, cues);
  if (namedAddressee.holds(named)) return { name: named, weight: 0.15 };
  if (noticeToAll.holds(mc.addressedToAll)) return { name: "各社区", weight: 0.12 };
  if (departmentSender.holds(mc.fromDepartment, sender)) return { name: "社区", weight: 0.08 };
  return { weight: 0 };
}

const NOTHING_REASON = clearReason(null);
/** A result (fresh for each message) with its trace. */
const withTrace = (result: ScreenResult, trace: RuleFiring[]): ScreenResult => {
  result.trace = trace;
  return result;
};
const fastPath = defineRule("screen.nothing-to-judge", "消息里没有任何派活、负面事项或负担的词，直接放过", () => true);
const noticePoint = defineRule("directive.notice-point", "通知里的各条、各句继承通知的要求（“各社区：请落实以下工作：1. …”）", () => true);
const communityEnforces = defineRule("directive.community-enforces", "点名社区去罚款、扣押：就是派了这件事", (t: string) => HARD_ENFORCE.exec(t)?.[0] ?? null);
const followOnTopic = defineRule("order.takes-topic-before", "只说了动作的命令，按前一句说的事判断（“…剩下3户不搬。社区这周必须把人清出去”）", (topic: string) => topic.slice(0, 30));
// What a check leaves on paper: its table, results or record (燃气检查表, 排查情况).
const CHECK_RESULTS = /(检查|排查|巡查|核查|摸排|整治)[^，,；;。]{0,2}?(表|情况|结果|记录|台账)/;
const HAND_IN = /报|交/;
const orderShare = defineRule("order.share-of-topic-before", "只说了每个社区摊多少（各10份、200份）的命令，按前一句说的事判断", (order: string) => SHARE.exec(order)?.[0] ?? null);
const chasesResults = defineRule("order.chases-check-results", "催交前一句说的某项检查的表或结果（“没报商户燃气检查表……今天必须报”）：催的就是那项检查", (order: string, topic: string) =>
  HAND_IN.test(order) ? (CHECK_RESULTS.exec(topic)?.[0] ?? null) : null,
);
const nearMissRule = defineRule("match.near-miss", "提到了负面清单的事，但没有向社区下达", (item: ListItem) => ({ span: item.id }));
const burdenBeside = defineRule("burden.beside-department-work", "部门自己做或社区只通知，但旁边仍给社区加了负担（挂牌子、报台账）", (kind: string) => kind);
const certificateOverTopic = defineRule("burden.certificate-over-topic", "要社区开证明就是负担，不管证明内容沾到哪个事项", (yes: boolean) => yes);

const LEVEL_WEIGHT: Record<DirectiveLevel, number> = { 0: 0, 1: 0.05, 2: 0.12, 3: 0.15 };

/** Exclusions that rule out a negative-list push but leave a burden standing. */
const BURDEN_STILL_COUNTS = new Set<Exclusion>(["self-done", "notify-only"]);

/** A burden found in a clause, with the confidence its kind, addressee and order give it. */
function burdenCandidate(clause: Clause, b: BurdenHit, addr: { name?: string; weight: number }, level: DirectiveLevel): Candidate<BurdenHit> {
  const specific = b.kind === "certificate" || b.kind === "veto" ? 0.1 : b.kind === "ledger" ? 0 : 0.05;
  return { clause, hit: b, addressee: addr.name ?? "社区", confidence: Math.min(0.9, 0.5 + addr.weight + LEVEL_WEIGHT[level] + specific) };
}

/**
 * Creates a screener over the knowledge base. `screen` is synchronous: a prefilter lets chat go
 * in microseconds; candidates are split into clauses and each clause is judged for addressee,
 * order, task (retrieval over the lists) and exclusions. A negative-list push outranks a burden.
 */
export function createScreener(kb: KnowledgeBase, retriever: KnowledgeRetriever, opts: { prefilter?: boolean } = {}): Screener {
  const cues = readScreenCues(kb.lexicon);
  // Without the prefilter (tests only) every message and clause gets the full analysis.
  const prefilter = opts.prefilter === false ? { candidate: () => true, relevant: () => true } : createPrefilter(kb, cues);
  const gate = createNegativeGate(kb, cues);
  const clear = (confidence: number, reason: string): ScreenResult => ({ flagged: false, category: null, citations: [], confidence, reason });
  const scope = retriever.scope;
  /** Negative items, then the general ones they make redundant here (民发〔2015〕136号 after Gansu's item). */
  const withSupport = (items: ListItem[]) => [...new Set([...items, ...items.flatMap((it) => scope.support(it))].map((it) => it.id))];


  /**
   * An order that names only the action ("社区这周必须把人清出去") after a sentence that named the
   * negative-list matter without ordering anything ("12号楼已鉴定D级危房，剩下3户不搬", "拆完那片
   *空地垃圾堆成山了") is judged with that sentence as its topic. An enforcement verb carries the
   * topic over, or a develop verb (陪同客商, 谈租金), a share for each community (各10份), or
   * chasing the results of the check that sentence names (没报燃气检查表……必须报).
   */
  function followOn(order: string, topicOf: () => string | undefined): NegativeMatch | null {
    const acts = hasCue(order, cues.enforce_verbs) || hasCue(order, cues.develop_verbs);
    if (!acts && !SHARE.test(order) && !HAND_IN.test(order)) return null;
    const topic = topicOf();
    if (!topic || !(acts || orderShare.holds(order) || chasesResults.holds(order, topic))) return null;
    const m = matchClause(retriever, `${topic}，${order}`, cues, kb, gate);
    if (m) followOnTopic.holds(topic);
    return m;
  }

  /**
   * Screens a message; the trace holds the message's rules and those of the clause that decided
   * (the flagged one, else the first excluded or near-missed one).
   */
  function screen(text: string, ctx: ScreenContext = {}): ScreenResult {
    const norm = screenNormalize(text);
    // Most chat holds no word a flag needs: it is cleared without opening a trace.
    if (!prefilter.candidate(norm)) {
      const fast = fastPath.fires();
      // (Results are built, not spread: object spread costs more than the fast path itself.)
      if (fast) return withTrace(clear(CLEAR_FAST, NOTHING_REASON), [{ rule: fastPath.id, span: fast.span }]);
    }
    const clauseTraces = new Map<number, RuleFiring[]>();
    const { value, trace } = traced(() => judge(text, norm, ctx, clauseTraces));
    if (clauseTraces.size === 0) return withTrace(value.result, trace);
    const own = new Set([...clauseTraces.values()].flat());
    const messageRules = trace.filter((f) => !own.has(f));
    return withTrace(value.result, [...messageRules, ...(value.at !== undefined ? (clauseTraces.get(value.at) ?? []) : [])]);
  }

  function judge(text: string, norm: string, ctx: ScreenContext, clauseTraces: Map<number, RuleFiring[]>): { result: ScreenResult; at?: number } {

    const mc = messageContext(norm, mentionsAll(text), cues, ctx.sender);
    const mex = messageExclusion(norm, cues, mc.addressedToAll);
    if (mex) return { result: clear(CLEAR_MESSAGE_EXCLUSION, clearReason(mex)) };

    const clauses = splitClauses(text);
    // What each clause still asks once its negated pieces are dropped (不再承担…, 不得兼任…).
    // Each clause's own reading (its order, what it negates) is kept with the clause's trace.
    const read = clauses.map((c) => traced(() => ({ live: { text: stripNegated(c.text, cues), index: c.index, question: c.question, numbered: c.numbered }, level: directiveLevel(c.text, cues) })));
    const live = read.map((r) => r.value.live);
    const levels = read.map((r) => r.value.level);
    const messageLevel = Math.max(0, ...levels);

    let negative: Candidate<NegativeMatch> | undefined;
    let burden: Candidate<BurdenHit> | undefined;
    let nearMiss: { item: ListItem; text: string; at: number } | undefined;
    let excluded: { why: Exclusion; at: number } | undefined;

    for (const clause of live) {
      // A clause with no word a flag needs is skipped, unless it is an order after a near miss that
      // hands out shares or chases results, which only the sentence before gives a topic.
      const followsNearMiss = nearMiss !== undefined && levels[clause.index] >= 1 && (SHARE.test(clause.text) || HAND_IN.test(clause.text));
      if (!clause.text || !(prefilter.relevant(clause.text) || followsNearMiss) || headingOnly.holds(clause.text, cues)) continue;
      const fired = traced(() => judgeClause(clause));
      clauseTraces.set(clause.index, [...read[clause.index].trace, ...fired.trace]);
    }

    /** Judges one clause, updating the candidates; returns nothing (a `return` ends the clause). */
    function judgeClause(clause: Clause): void {
      let level = levels[clause.index];
      // Points and sentences of a notice inherit its order ("各社区：请落实以下工作：1. …").
      if (level === 0 && (mc.addressedToAll || (messageLevel >= 2 && clause.numbered)) && noticePoint.holds()) level = 1;
      // The community named as the one fining or seizing sets that task: "社区志愿者发现一次罚款50元".
      if (level === 0 && findAddressee(clause.text, cues) && communityEnforces.holds(clause.text)) level = 1;
      const exclusion = clauseExclusion(clauses[clause.index], cues, levels[clause.index]);
      const addr = addresseeOf(clause, mc, cues, ctx.sender);
      const ordered = level >= 1 && (addr.weight > 0 || level >= 2);

      // An excluded clause (a question, pushback, the department doing it itself, a report) never
      // flags, so it needs no retrieval.
      if (exclusion) {
        excluded ??= { why: exclusion, at: clause.index };
        // The department doing its own check, or the community only notifying, rules out a
        // negative-list push, not a burden laid on the community beside it (挂牌子, 报台账).
        if (BURDEN_STILL_COUNTS.has(exclusion) && !burden && ordered) {
          const b = findBurden(live, clause.index, cues, retriever, kb);
          // A certificate the department now issues itself is no burden on the community.
          if (b && b.kind !== "certificate" && burdenBeside.holds(b.kind)) burden = burdenCandidate(clause, b, addr, level);
        }
        return;
      }
      // Clauses whose negative match could not change the outcome skip retrieval: once a push is
      // found only a more confident one counts; an unordered clause after a near miss adds nothing.
      const ceiling = ordered ? Math.min(MAX_CONFIDENCE, 0.45 + addr.weight + LEVEL_WEIGHT[level] + 0.25) : -1;
      if (negative && ceiling <= negative.confidence) return;
      if (!negative && nearMiss && !ordered) return;
      // The topic an order may refer to: a near miss, else the sentence just before, unless that
      // one was excluded (a report, a question).
      const topic = () => {
        if (nearMiss) return nearMiss.text;
        const before = clause.index > 0 ? live[clause.index - 1] : undefined;
        return before?.text && !untraced(() => clauseExclusion(clauses[before.index], cues, levels[before.index])) ? before.text : undefined;
      };
      const neg = matchClause(retriever, clause.text, cues, kb, gate) ?? (ordered ? followOn(clause.text, topic) : null);
      if (neg) {
        if (!ordered) {
          if (!nearMiss && nearMissRule.holds(neg.items[0])) nearMiss = { item: neg.items[0], text: clause.text, at: clause.index };
          return;
        }
        // A certificate asked of the community is the burden, whatever topic its contents touch (收入, 工作).
        const cert = hasCue(clause.text, cues.certificate) ? findBurden(live, clause.index, cues, retriever, kb) : undefined;
        if (cert?.kind === "certificate" && certificateOverTopic.holds(true)) {
          burden ??= burdenCandidate(clause, cert, addr, level);
          return;
        }
        const confidence = Math.min(MAX_CONFIDENCE, 0.45 + addr.weight + LEVEL_WEIGHT[level] + 0.25 * neg.strength);
        if (!negative || confidence > negative.confidence) negative = { clause, hit: neg, addressee: addr.name ?? "社区", confidence };
        return;
      }
      if (burden || !ordered) return;
      const b = findBurden(live, clause.index, cues, retriever, kb);
      if (b) burden = burdenCandidate(clause, b, addr, level);
    }

    if (negative) {
      const m = negative.hit;
      return { at: negative.clause.index, result: {
        flagged: true,
        category: "negative",
        citations: withSupport(m.items),
        confidence: round(negative.confidence),
        reason: negativeReason(negative.clause, negative.addressee, m.items[0], m.disguised),
      } };
    }
    // A burden a negative list of this place names (湖南：不得规定“一票否决”事项) is a push of that item.
    const listed = burden && listedBurden.fires(burden.hit.kind, scope);
    if (burden && listed) {
      const item = kb.item(listed.detail!)!;
      return { at: burden.clause.index, result: {
        flagged: true,
        category: "negative",
        citations: withSupport([item]),
        confidence: round(burden.confidence),
        reason: negativeReason(burden.clause, burden.addressee, item, false),
      } };
    }
    if (burden) {
      return { at: burden.clause.index, result: {
        flagged: true,
        category: "burden",
        citations: burdenCitations(burden.hit, kb, retriever.scope),
        confidence: round(burden.confidence),
        reason: burdenReason(burden.hit, kb),
      } };
    }
    // An exclusion explains the message: a negative-list topic elsewhere in it is no order.
    if (nearMiss) return { at: excluded?.at ?? nearMiss.at, result: clear(excluded ? CLEAR_CLAUSE_EXCLUSION : CLEAR_NEAR_MISS, clearReason(excluded?.why ?? null, nearMiss.item)) };
    return { at: excluded?.at, result: clear(excluded ? CLEAR_CLAUSE_EXCLUSION : CLEAR_NOTHING, clearReason(excluded?.why ?? null)) };
  }

  return { screen };
}
