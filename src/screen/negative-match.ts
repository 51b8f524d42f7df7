import type { KnowledgeRetriever, QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem } from "../types.js";
import { NEW_FORM, vetoTopicOnly } from "../policy/burden-context.js";
import { defineRule, note, patternRule, type Rule } from "../policy/rules.js";
import { findCue, hasCue, type ScreenCues } from "../policy/cues.js";
import { blankUndergo, stripFraming } from "../policy/framing.js";
import { CONCEPT, isNegativeTask, isOwnWork, standsFor, standsOnlyFor } from "../policy/concepts.js";
import type { Scope } from "../policy/scope.js";
import { ENFORCING_UNIT, SHARE } from "../policy/vocabulary.js";
import { DEMOLISH, definedTasks, definitionConcept, HARD_ENFORCE, INSPECT, roadCleaning } from "../policy/task-definition.js";
import { ownGroundsTidying } from "./own-grounds.js";

/** A clause's match to the negative list. */
export interface NegativeMatch {
  /** Negative-list items, best first. */
  items: ListItem[];
  score: number;
  /** Best duty/assist item for the same clause, if any: what the task would be if not negative. */
  rival?: { item: ListItem; score: number };
  /** 0..1: how clearly the clause names a negative-list task. */
  strength: number;
  /** The clause dresses the task up as 协助/配合. */
  disguised: boolean;
}

/** Below this BM25 score a negative hit is noise (a clear single-topic match scores ~30–140). */
const MIN_SCORE = 11;
const MIN_SCORE_INSPECTION = 7;

const EACH_BUSINESS = /逐家|逐店|挨家|每家|各家|一家一家|逐个/;
const FORM_NAME = /(统计|登记)(表|册|簿)/g;
const TITLE = /《[^》]{1,30}》/g;
// Rubbish left on land cleared for demolition is item 3 (已征迁未使用土地上的垃圾), though 拆迁 is named.
const LAND_RUBBISH = /(拆迁|征迁|征收|拆后|空地|地块|荒地|闲置地)[^；;。]{0,20}?垃圾|垃圾[^；;。]{0,20}?(拆迁|征迁|空地|地块|荒地|闲置地)/;
// Words that say how (enforce, fine) rather than what: they must not decide which category is cited.
// Moving things away says how too: 让老板搬走 (goods) is no 强制搬迁.
const GENERIC = /^(行政执法|执法检查|监督检查执法|责令整改|罚款|罚没|处罚|执法|整改|检查|排查|安全检查|搬走|清走|拉走|腾空)$/;
// Stopping riders (helmets, sunshades, passengers, plates) makes a vehicle clause 整治非机动车 (1),
// even when an add-on is to be taken off (劝其拆掉遮阳棚).
const VEHICLE_CHECK = /拦查|拦车|拦下|头盔|载人|上牌|遮阳|雨棚|改装|加装/;



// A post set up for a topic names the post's remit, not a task: 安排一名专职人员负责安全生产信息报送.
const POST_SETUP = /(安排|配备|配齐|明确|确定|设立|设置|指定|落实)[^，,；;]{0,6}?(专职|专人|专岗|专干|兼职)/;

/** The rows of the topic ordering: what the clause is about decides the item, not how it is done. */
const topicRule = (id: string, description: string) => defineRule(id, description, (span: string, concept: string) => ({ span, detail: concept }));
const topicVehicle = topicRule("topic.vehicle", "拦车查头盔、载人、上牌：是整治非机动车，不是拆迁或清理");
const topicDemolition = topicRule("topic.demolition", "拆了什么就是拆违，不论还说了什么");
const topicChecked = topicRule("topic.checked", "查商户的什么决定是哪类检查（锅炉是安全，毛巾是卫生）");
const topicStreet = topicRule("topic.street", "街上的摊点、货物、垃圾是城市管理，不是罚款或清理本身");
const topicLandRubbish = topicRule("topic.cleared-land-rubbish", "征迁空地上的垃圾是清理，虽然提到拆迁");
const topicOverHow = defineRule("topic.object-over-how", "只靠“罚款、整改、搬走”这类做法词选中的条目，让给说出对象的条目", (words: string) => words);

/** A negative item and its score for a clause. */
type Scored = { item: ListItem; score: number };

/**
 * Puts first the negative item named by what the task is about (危险化学品: safety) over one
 * reached only through how it is done (责令整改, 罚款: enforcement), when their scores are close.
 * Some objects decide the task wherever they are: anything pulled down is demolition; what a
 * business is checked for decides between safety and hygiene (a boiler or fire exits at a
 * bathhouse are safety, its towels hygiene); goods or stalls or litter on the street are city
 * management rather than the vehicle, the fine or the rubbish that reached enforcement or clean-up.
 */
function preferTopical(kb: KnowledgeBase, scope: Scope, negs: Scored[], analysis: QueryAnalysis, cues: ScreenCues) {
  const [first, ...rest] = negs;
  if (!first) return negs;
  const norm = analysis.norm;
  const stands = (h: Scored, concept: string) => standsFor(kb, scope, h.item, concept);
  const checked = hasCue(norm, cues.business_targets) || hasCue(norm, cues.equipment_topics) ? definitionConcept(norm, cues, false) : undefined;
  const topical = (id: string) => (analysis.taskHits.get(id) ?? []).some((w) => !GENERIC.test(w) && !cues.enforce_verbs.includes(w));
  // A first item reached only through how-words (搬走, 罚款) yields to any object seen in the clause.
  const howOnly = (analysis.taskHits.get(first.item.id) ?? []).length > 0 && !topical(first.item.id);
  const vehicle = hasCue(norm, cues.vehicle_topics) ? VEHICLE_CHECK.exec(norm)?.[0] : undefined;
  const demolish = DEMOLISH.exec(norm)?.[0] ?? (hasCue(norm, cues.building_topics) ? HARD_ENFORCE.exec(norm)?.[0] : undefined);
  const street = findCue(norm, cues.street_topics) ?? (roadCleaning(norm, cues) ? findCue(norm, cues.road_topics) : undefined);
  // [rule, concept, the words that show it (none: not seen), minimum share of the first score, what a first item it may overtake stands for]
  const objects: Array<[Rule<[string, string]>, string | undefined, string | undefined, number, string[] | null]> = [
    [topicVehicle, CONCEPT.vehicles, vehicle, 0.5, [CONCEPT.demolitionAndRelocation, CONCEPT.environmentalCleanup]],
    [topicDemolition, CONCEPT.demolition, demolish, 0.5, null],
    [topicChecked, checked, checked, howOnly ? 0 : 0.5, null],
    [topicStreet, CONCEPT.cityManagement, street, 0, [CONCEPT.enforcement, CONCEPT.environmentalCleanup]],
    [topicLandRubbish, CONCEPT.clearedLandRubbish, LAND_RUBBISH.exec(norm)?.[0], 0.5, [CONCEPT.demolitionAndRelocation]],
  ];
  for (const [rule, concept, seen, share, over] of objects) {
    if (!seen || !concept) continue;
    if (stands(first, concept)) {
      if (rule.holds(seen, concept)) return negs;
      continue;
    }
    if (over && !over.some((c) => stands(first, c))) continue;
    const j = rest.findIndex((h) => stands(h, concept) && h.score >= first.score * share);
    if (j >= 0 && rule.holds(seen, concept)) return [rest[j], first, ...rest.filter((_, k) => k !== j)];
  }
  if (topical(first.item.id)) return negs;
  const i = rest.findIndex((h) => h.score >= first.score * 0.6 && topical(h.item.id));
  if (i < 0 || !topicOverHow.holds((analysis.taskHits.get(rest[i]!.item.id) ?? []).join("、"))) return negs;
  return [rest[i], first, ...rest.filter((_, j) => j !== i)];
}


/** The score a definition-based match counts as: just above the inspection threshold. */
const DEFINITION_SCORE = 12;

/**
 * Negative lists define tasks by target and kind of check: a business's fire and production
 * safety, an eatery's or public place's hygiene and food, goods and stalls cleared off the street.
 * Where the retriever misses everyday words (煤气罐, 安全帽, 路中间摆), such a check or clearance
 * still names the item that stands for it here.
 */
function byDefinition(scope: Scope, negs: Scored[], text: string, cues: ScreenCues) {
  let out = negs;
  const { business, street, building } = definedTasks(text, cues);
  for (const concept of [business, street, building]) {
    const item = concept ? scope.itemFor(concept, isNegativeTask) : undefined;
    if (!item) continue;
    const present = out.find((h) => h.item.id === item.id);
    if (present && present.score >= DEFINITION_SCORE) continue;
    const rest = out.filter((h) => h.item.id !== item.id);
    out = [...rest, { item, score: Math.max(DEFINITION_SCORE, present?.score ?? 0) }].sort((a, b) => b.score - a.score);
  }
  return out;
}

/** Investment needs a develop verb; 新增、推广 of app sign-ups grow an app's users, and 新增 forms paperwork, not businesses. */
function developsBusiness(text: string, cues: ScreenCues): boolean {
  return hasCue(text, cues.develop_verbs) && !(hasCue(text, cues.app) && hasCue(text, cues.app_verbs)) && !NEW_FORM.test(text);
}

/** Searches list items for one clause; returns the analysis too for later steps. */
export function searchClause(retriever: KnowledgeRetriever, text: string): { analysis: QueryAnalysis; hits: SearchHit[] } {
  const analysis = retriever.analyze(text);
  return { analysis, hits: retriever.searchAnalyzed(analysis, { limit: 8, kinds: ["item"] }) };
}

const needsDevelop = defineRule("match.investment-needs-develop", "招商一类只在有“引进、发展、洽谈”的动作时才算派了这件事", (investmentOnly: boolean, text: string, cues: ScreenCues) =>
  investmentOnly && !developsBusiness(text, cues),
);
const ownGrounds = defineRule("match.own-grounds-tidying", "清理小区、楼道等自家地方是社区自己的事，不是市政保洁或市容整治", (cityManagement: boolean, text: string) =>
  cityManagement && ownGroundsTidying(text),
);
const enforceVerb = defineRule("match.enforcement-verb", "有检查、执法、拆除一类的动作", (text: string, cues: ScreenCues) => findCue(text, cues.enforce_verbs) ?? null);
const postSetup = patternRule("match.post-setup", "只是设岗、配人（安排一名专职人员负责…），不是派这件事", POST_SETUP);
const serviceOnly = defineRule("match.service-only", "没有检查执法的动作，做的是宣传、张贴、走访这类服务：事项只是服务的主题", (text: string, serve: string[]) =>
  INSPECT.test(text) ? null : (findCue(text, serve) ?? null),
);
const namedTask = defineRule("match.task-named", "说出了负面清单事项的说法（不是岗位名称里的）", (words: string[], text: string) =>
  words.find((w) => !new RegExp(`${w}[^，,]{0,3}(员|岗|专干|专班)`).test(text)) ?? null,
);
const vetoTopic = defineRule("match.veto-topic-only", "事项只是一票否决考核的对象，负担是一票否决本身", (text: string, cues: ScreenCues, enforce: boolean) =>
  (!enforce && hasCue(text, cues.veto)) || vetoTopicOnly(text, cues),
);
const beatsOwnWork = defineRule("match.beats-own-work", "负面清单条目比履职、协助条目更贴合这句话", (ratio: number) => (ratio >= 1 ? { span: "", weight: round2(ratio) } : null));
const businessNearTie = defineRule("match.business-inspection-near-tie", "派去检查商户，和履职、协助条目相差不大时按负面清单", (yes: boolean, ratio: number) => (yes && ratio >= 0.8 ? { span: "", weight: round2(ratio) } : null));
const hardEnforcement = defineRule("match.hard-enforcement", "责令、处罚、查封、拆除这类硬执法", (hard: boolean, ratio: number) => (hard && ratio >= 0.6 ? { span: "", weight: round2(ratio) } : null));
const orderToBusiness = defineRule("match.order-to-business", "让商户停售、下架、交出东西：这是责令，不管哪个协助条目沾边", (yes: boolean, ratio: number) => (yes && ratio >= 0.3 ? { span: "", weight: round2(ratio) } : null));
const checkedByDefinition = defineRule("match.business-check-by-definition", "查商户的正是清单定义的检查内容（消防、燃气、卫生……），或查的是电梯、锅炉这类特种设备（在哪儿都一样）", (yes: boolean, ratio: number, floor: number) =>
  yes && ratio >= floor ? { span: "", weight: round2(ratio) } : null,
);
const sweepsRoad = defineRule("match.road-sweeping", "扫市政道路就是城市管理类，谁去扫都一样", (yes: boolean, ratio: number) => (yes && ratio >= 0.3 ? { span: "", weight: round2(ratio) } : null));

const round2 = (x: number) => (x === Infinity ? 99 : Math.round(x * 100) / 100);

/**
 * Decides whether a clause names a negative-list task. The negative item must beat the duty and
 * assist items for the clause (消防宣传 is assist/7, 消防演练 duty/18), unless the clause sends
 * the community to inspect businesses or to enforce, where the duty/assist reading does not hold.
 */
export function matchNegative(
  text: string,
  analysis: QueryAnalysis,
  hits: SearchHit[],
  cues: ScreenCues,
  kb: KnowledgeBase,
  scope: Scope,
): NegativeMatch | null {
  const items = hits.flatMap((h) => (h.entry.kind === "item" ? [{ item: h.entry.item, score: h.score }] : []));
  const stands = (h: Scored, concept: string) => standsFor(kb, scope, h.item, concept);
  // An item that stands only for investment is no task without a develop verb (招商 said in passing).
  const investmentOnly = (h: Scored) => standsOnlyFor(kb, scope, h.item, CONCEPT.investment);
  // A list written by category (民发〔2015〕136号) is reached through the tasks it covers, not its abstract wording.
  const reached = (h: Scored) => h.item.list !== "cancelled" || analysis.taskHits.has(h.item.id) || analysis.expandedHits.has(h.item.id);
  const negs = byDefinition(
    scope,
    items.filter((h) => isNegativeTask(h.item) && reached(h) && !needsDevelop.holds(investmentOnly(h), text, cues)),
    text,
    cues,
  );
  const rival = items.find((h) => isOwnWork(h.item));
  const top = negs[0];
  if (!top) return null;
  if (ownGrounds.holds(stands(top, CONCEPT.cityManagement), text)) return null;
  // For investment the action is developing (引进, 新办, 拉来 …), not inspecting.
  // A form's name is no action: 统计表, 登记表 (filling them in is paperwork).
  const enforce =
    enforceVerb.holds(text.replace(FORM_NAME, "表"), cues) ||
    (stands(top, CONCEPT.investment) && hasCue(text, cues.develop_verbs)) ||
    (stands(top, CONCEPT.cityManagement) && roadCleaning(text, cues));
  if (!enforce && postSetup.holds(text)) return null;
  // A task word names the task, unless it is part of a post's title (安全生产信息员, 拆违专干).
  const named = namedTask.holds([...(analysis.taskHits.get(top.item.id) ?? []), ...(analysis.expandedHits.get(top.item.id) ?? [])], text);
  if (!enforce && !named) return null;
  // A task named as the theme of a service (张贴安全生产月宣传海报, 开展禁毒宣传) is that service.
  if (!enforce && serviceOnly.holds(text, kb.lexicon.cues.serve ?? [])) return null;
  // A topic named only as what a veto assesses ("安全生产实行一票否决") sets no task: the veto is the burden.
  if (vetoTopic.holds(text, cues, enforce)) return null;
  const business = hasCue(text, cues.business_targets);
  const hard = HARD_ENFORCE.test(text);
  // Inspecting businesses or enforcing is the mark of the list: a weaker topic match will do.
  if (top.score < ((business && enforce) || hard ? MIN_SCORE_INSPECTION : MIN_SCORE)) return null;

  const ratio = rival ? top.score / rival.score : Infinity;
  const defined = definitionConcept(text, cues);
  const definedHere = defined !== undefined && stands(top, defined);
  const floor = EACH_BUSINESS.test(text) ? 0.3 : 0.4;
  const ok =
    beatsOwnWork.holds(ratio) ||
    businessNearTie.holds(business && enforce, ratio) ||
    hardEnforcement.holds(hard, ratio) ||
    orderToBusiness.holds(hard && business && definedHere, ratio) ||
    checkedByDefinition.holds((business || defined === CONCEPT.specialEquipment) && INSPECT.test(text) && definedHere, ratio, floor) ||
    sweepsRoad.holds(stands(top, CONCEPT.cityManagement) && roadCleaning(text, cues), ratio);
  if (!ok) return null;

  // Strength: how high the score is, how clear the margin, and whether the action is an inspection.
  const scorePart = Math.min(1, (top.score - MIN_SCORE) / 30);
  const marginPart = ratio === Infinity ? 1 : Math.min(1, Math.max(0, (ratio - 0.8) / 0.7));
  const actionPart = (enforce ? 0.5 : 0) + (business || hard ? 0.5 : 0);
  const strength = Math.round((0.45 * scorePart + 0.35 * marginPart + 0.2 * actionPart) * 100) / 100;

  const ranked = preferTopical(kb, scope, negs, analysis, cues);
  // The task: the concept whose words the clause writes, else the check it defines, else the item's own wording.
  const first = ranked[0].item;
  const namedConcept = [...analysis.conceptHits].find(([c]) => standsFor(kb, scope, first, c));
  if (namedConcept) note("task.named", { span: namedConcept[1].join("、"), detail: namedConcept[0] });
  else if (defined && standsFor(kb, scope, first, defined)) note("task.defined-by-check", { span: text.slice(0, 30), detail: defined });
  else note("task.by-wording", { span: text.slice(0, 30), detail: first.id });
  note("item.match", { span: (analysis.taskHits.get(ranked[0].item.id) ?? []).join("、") || text.slice(0, 20), weight: Math.round(top.score), detail: ranked[0].item.id });
  // The item put first by what is checked stays, even below the share the others need.
  const cited = [ranked[0], ...ranked.slice(1).filter((h) => h.score >= top.score * 0.6)].slice(0, 3).map((h) => h.item);
  return {
    items: cited,
    score: top.score,
    rival: rival ? { item: rival.item, score: rival.score } : undefined,
    strength,
    disguised: /协助|配合|协同|帮助|帮忙|支持/.test(text),
  };
}

/**
 * Matches a clause without its framing first ("冬季大气污染防治期间，请…清查散煤" is judged on the
 * 散煤 check, not on the campaign). When the rest of the clause has no inspection, enforcement
 * or share per community (各10份) of its own, the framing alone cannot make a push ("为迎接垃圾分类检查，请建立台账" is not one);
 * otherwise the whole clause is tried, since a framing may name the topic ("为做好燃气安全检查…").
 */
export function matchClause(
  retriever: KnowledgeRetriever,
  text: string,
  cues: ScreenCues,
  kb: KnowledgeBase,
  gate: (text: string) => boolean = () => true,
): NegativeMatch | null {
  // A form's title names its paper, not a task: 《流动摊贩情况周报表》; an enforcing unit's name
  // names who acts: 请告知向执法中队咨询.
  text = text.replace(TITLE, "表").replace(ENFORCING_UNIT, "部门");
  const core = stripFraming(text);
  if (core !== text) {
    const c = gate(core) ? searchClause(retriever, core) : undefined;
    const m = c ? matchNegative(core, c.analysis, c.hits, cues, kb, retriever.scope) : null;
    if (m || !(hasCue(core, cues.enforce_verbs) || hasCue(core, cues.develop_verbs) || SHARE.test(core))) return m;
  }
  // The whole clause, but still without being inspected (迎接上级检查) or the community's own stall.
  const whole = blankUndergo(text);
  if (!gate(whole)) return null;
  const { analysis, hits } = searchClause(retriever, whole);
  return matchNegative(whole, analysis, hits, cues, kb, retriever.scope);
}
