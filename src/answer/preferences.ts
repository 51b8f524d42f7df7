import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import { findCue, hasCue, readScreenCues } from "../policy/cues.js";
import { blankUndergo } from "../policy/framing.js";
import { CONCEPT, isNegativeTask } from "../policy/concepts.js";
import type { Scope } from "../policy/scope.js";
import { defineRule } from "../policy/rules.js";
import { checkedBusinessConcept, definedTasks, GRADING, INSPECT } from "../policy/task-definition.js";
import { isCertificateItem } from "./papers.js";
import { asksForPaper, assignsTask, type QuestionCues } from "./question-cues.js";
import { alt, COMMUNITY, COMMUNITY_WE, DEPARTMENT_NAMES } from "../policy/vocabulary.js";

/*
 * Rules that reorder the retrieved items of a question by what the question says is done, not by
 * the words it shares with an item: a named task beats the objects around it, a check is read by
 * what is looked at, and a hazard seen on a round is about reporting it.
 */

/** Seeing something on a round: 看到, 发现, 碰到, 看着. */
const SEEN = /看到|看见|看着|瞅着|注意到|发现|碰到|遇到|见到|瞧见/;

/**
 * A department leading the work with the community assisting: 街道牵头查…让社区协助; 市场所来查…
 * 让我们跟着，看到问题报给他们; 让社区协助检查…发现问题报市场监管所.
 */
const WE = `(${alt(COMMUNITY, COMMUNITY_WE)})`;
const LEADS = new RegExp(
  `牵头[^。？?！!]{0,30}?${WE}[^，,。？?！!]{0,4}?(协助|配合)|${WE}[^，,。？?！!]{0,4}?(协助|配合)[^。？?！!]{0,12}?牵头` +
    `|来(查|检查)[^。？?！!]{0,20}?${WE}[^，,。？?！!]{0,6}?(跟着|陪同|一起去)` +
    `|协助[^，,。？?！!]{0,4}?(检查|查)[^。？?！!]{0,24}?(发现|看到)[^。？?！!]{0,12}?报`,
);

/** Businesses or residents checking themselves: no check by the community. */
const SELF_CHECK = /自查|自检|自行(检查|排查)|自我检查/g;


/** Passing something on to a department: the community reports, it does not check. */
const REPORTING = new RegExp(`报给|报告|上报|举报|反映给|报到|告诉[^，,。？?]{0,2}?(${alt(DEPARTMENT_NAMES)})`);

/** A check said not to be one: 不是去查, 不用检查. */
const NOT_CHECKING = /(不是|不用|不必|无需|不需要|不)(去|要)?(查|检查|看)/g;

const CENSUS = /普查|统计|摸底|摸个底|摸排|登记|名单|造册/;
const checkedTrade = defineRule("prefer.checked-trade", "派去查的是清单点名的经营场所（药店、网吧、加油站），就是那类检查", (concept: string) => ({ span: concept }));

const namedTask = defineRule("prefer.named-task", "问题写出了某条目的事（组织夜里巡逻），它排在只靠周边对象（电瓶、小区）搭上的条目前面", (words: string[]) => words.join("、"));
const checkedTask = defineRule("prefer.checked-task", "派人去查商户的燃气、电线、后厨，或清街、拆房：这类事按定义对应负面清单条目，排第一", (concept: string) => ({ span: concept, detail: concept }));
const reportingSeen = defineRule("prefer.reporting-seen", "巡查时看到隐患、问怎么办（没人派去查）：是发现隐患及时报告，排第一", (norm: string) => SEEN.exec(norm)?.[0] ?? null);
const publicityTheme = defineRule("prefer.publicity-theme", "派给社区的只是宣传、提醒、讲解，没有检查执法：负面清单上的事只是主题，按宣传教育回答", (norm: string, words: string[]) =>
  INSPECT.test(norm.replace(SELF_CHECK, "")) ? null : (findCue(norm, words) ?? null),
);
const gradedBusiness = defineRule("prefer.business-graded", "让社区给商户打分、评级、定等级：这是主管部门的监管评定，按行政执法类", (norm: string) => GRADING.exec(norm)?.[0] ?? null);
const departmentLeads = defineRule("prefer.department-leads", "部门牵头或自己来查、社区跟着协助并报告：社区做的是协助清单上的那件事（有这一项时）", (norm: string) => LEADS.exec(norm)?.[0] ?? null);
const listedCertificate = defineRule("prefer.listed-certificate", "要社区开的证明正是清单里写的那种证明：这张证明的条目排第一，本地清单优先", (id: string) => ({ span: id, detail: id }));

/** A rival this close to the first item wins when only it has its task named in the question. */
const NAMED_TASK_SHARE = 0.8;

/**
 * Puts first an item whose task words the question writes ("组织夜里巡逻") over one reached only
 * through the objects around it (偷电动车电瓶 → 整治非机动车), when their scores are close.
 */
function preferNamedTask(items: SearchHit[], a: { taskHits: Map<string, string[]>; expandedHits: Map<string, string[]> }): SearchHit[] {
  const [top, ...rest] = items;
  if (!top || a.taskHits.has(top.id) || a.expandedHits.has(top.id)) return items;
  const i = rest.findIndex((h) => a.taskHits.has(h.id) && h.score >= NAMED_TASK_SHARE * top.score);
  if (i < 0 || !namedTask.holds(a.taskHits.get(rest[i]!.id) ?? [])) return items;
  return [rest[i], top, ...rest.filter((_, j) => j !== i)];
}

/** `hit` first, scored at least `score`; the others after it in their order. */
function putFirst(items: SearchHit[], hit: SearchHit, score: number): SearchHit[] {
  return [{ ...hit, score }, ...items.filter((h) => h.id !== hit.id)];
}

/** The item preferences over one place's lists; `strong` is the score that counts as a clear match. */
export function createPreferences(kb: KnowledgeBase, scope: Scope, strong: number) {
  const screenCues = readScreenCues(kb.lexicon);
  /**
   * Someone sent to look at a business's gas, wiring or kitchen is doing the check the negative
   * list defines, whatever item the business's name matched (小作坊 is also in a food reporting
   * item); so is one sent to clear stalls off the street or sweep a public road, or to pull a
   * building down. The negative item for that check goes first, at least as strong as the best match.
   */
  function preferCheckedItem(items: SearchHit[], a: QueryAnalysis, cues: QuestionCues): SearchHit[] {
    const norm = a.norm;
    // Not when the question is about reporting what was seen, or the department checks and the community shows the way.
    // (Reporting words count only when nobody hands the check: "让社区去查…拍照上报" is still the check.)
    const reporting = cues.serve > 0 || REPORTING.test(norm);
    if (!(cues.assign || cues.community) || (reporting && !assignsTask(norm)) || hasCue(norm, screenCues.notify_only)) return items;
    const t = norm.replace(NOT_CHECKING, "");
    // The community's own publicity stall (摆摊讲禁毒) is no street vending.
    const { street, building } = definedTasks(blankUndergo(t), screenCues);
    // Checking a business the lexicon names as regulated (查药店, 查网吧) is the check of that trade.
    // (Counting them for a census is no check: 普查, 摸底, 登记名单.)
    const looks = INSPECT.test(t) && !CENSUS.test(t) && hasCue(t, screenCues.business_targets);
    const trade = looks ? [...a.conceptHits.keys()].find((c) => scope.itemFor(c, isNegativeTask)) : undefined;
    const graded = looks && !trade && gradedBusiness.holds(t) ? CONCEPT.administrativeEnforcement : undefined;
    const concept = checkedBusinessConcept(t, screenCues) ?? street ?? building ?? (trade && checkedTrade.holds(trade) ? trade : graded);
    const item = concept ? scope.itemFor(concept, isNegativeTask) : undefined;
    if (!item || !concept || !checkedTask.holds(concept)) return items;
    checked = concept;
    const own = items.find((h) => h.id === item.id);
    return putFirst(items, { id: item.id, score: 0, entry: { kind: "item", item } }, Math.max(own?.score ?? 0, items[0]?.score ?? 0, strong));
  }

  /**
   * A worker who saw a hazard (煤气罐, 私拉电线) and asks what to do, with nobody handing them a
   * check, is asking about reporting it: the item for reporting hazards goes first.
   */
  function seenHazard(norm: string, cues: QuestionCues): boolean {
    if (!(cues.handle || REPORTING.test(norm)) || !SEEN.test(norm) || assignsTask(norm)) return false;
    return (hasCue(norm, screenCues.safety_topics) || hasCue(norm, screenCues.equipment_topics)) && reportingSeen.holds(norm);
  }

  function preferReportingSeen(items: SearchHit[], seen: boolean): SearchHit[] {
    const item = seen ? scope.itemFor(CONCEPT.reportHazard) : undefined;
    if (!item || items[0]?.id === item.id) return items;
    return putFirst(items, { id: item.id, score: 0, entry: { kind: "item", item } }, Math.max(items[0]?.score ?? 0, strong));
  }

  /**
   * A question asking the community to issue a paper that names a certificate of a list ("证明孩子
   * 有哮喘") is about that certificate, whatever else its story touches (运动会, 学校); the place's
   * own list before the national one.
   */
  function preferListedCertificate(items: SearchHit[], a: QueryAnalysis, cues: QuestionCues): SearchHit[] {
    if (!cues.certificate || !asksForPaper(a.norm)) return items;
    const named = items.filter((h) => h.entry.kind === "item" && isCertificateItem(h.entry.item) && a.taskHits.has(h.id));
    const cert = named.sort((x, y) => levelOf(y) - levelOf(x))[0];
    if (!cert || items[0] === cert || !listedCertificate.holds(cert.id)) return items;
    return putFirst(items, cert, Math.max(cert.score, items[0]?.score ?? 0, strong));
  }
  const levelOf = (h: SearchHit) => (h.entry.kind === "item" ? scope.level(h.entry.item) : 0);

  /**
   * A question handing the community only publicity or a reminder about a negative-list matter
   * (宣传私搭乱建的危害, 提醒商户自查燃气管道), with no check, enforcement or business to bring in, is about that
   * publicity: the best duty or assist item goes first, else the place's item for publicity.
   */
  function preferPublicity(items: SearchHit[], a: QueryAnalysis, cues: QuestionCues): SearchHit[] {
    const top = items[0];
    if (!top || top.entry.kind !== "item" || !isNegativeTask(top.entry.item) || cues.enforce > 0 || hasCue(a.norm, screenCues.develop_verbs)) return items;
    if (!publicityTheme.holds(a.norm, kb.lexicon.cues.publicity ?? [])) return items;
    const own = items.find((h) => h.entry.kind === "item" && !isNegativeTask(h.entry.item) && !isCertificateItem(h.entry.item) && a.taskHits.has(h.id));
    const item = own?.entry.kind === "item" ? own.entry.item : scope.itemFor(CONCEPT.lawPublicity);
    if (!item) return items;
    return putFirst(items, { id: item.id, score: 0, entry: { kind: "item", item } }, Math.max(own?.score ?? 0, top.score, strong));
  }

  /**
   * A department leading a check with the community assisting ("街道牵头查小摊点食品卫生，让社区
   * 协助，发现问题报市场监管所") is the assist item for that work, when the lists have one that
   * scores near the negative item.
   */
  function preferAssisting(items: SearchHit[], a: QueryAnalysis): SearchHit[] {
    const top = items[0];
    if (!top || top.entry.kind !== "item" || !isNegativeTask(top.entry.item)) return items;
    const assist = items.find((h) => h.entry.kind === "item" && h.entry.item.list === "assist" && h.score >= 0.5 * top.score);
    if (!assist || !departmentLeads.holds(a.norm)) return items;
    return putFirst(items, assist, Math.max(assist.score, top.score));
  }

  /**
   * The items in the order the rules put them, and whether the question reports a hazard seen
   * (which also makes it community business).
   */
  let checked: string | undefined;
  return function order(items: SearchHit[], a: QueryAnalysis, cues: QuestionCues): { items: SearchHit[]; seenHazard: boolean; checked?: string } {
    checked = undefined;
    const seen = seenHazard(a.norm, cues);
    const ordered = preferListedCertificate(preferReportingSeen(preferAssisting(preferPublicity(preferCheckedItem(preferNamedTask(items, a), a, cues), a, cues), a), seen), a, cues);
    return { items: ordered, seenHazard: seen, checked };
  };
}
