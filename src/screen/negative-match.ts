import type { KnowledgeRetriever, QueryAnalysis } from "../search/knowledge-retriever.js";
import type { SearchHit } from "../search/types.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem } from "../types.js";
import { NEW_FORM, vetoTopicOnly } from "../policy/burden-context.js";
import { hasCue, type ScreenCues } from "../policy/cues.js";
import { blankUndergo, stripFraming } from "../policy/framing.js";
import { CONCEPT, isNegativeTask, isOwnWork, standsFor, standsOnlyFor } from "../policy/concepts.js";
import type { Scope } from "../policy/scope.js";
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
  const vehicle = hasCue(norm, cues.vehicle_topics) && VEHICLE_CHECK.test(norm);
  // [concept, seen in the clause, minimum share of the first score, what a first item it may overtake stands for]
  const objects: Array<[string | undefined, boolean, number, string[] | null]> = [
    [CONCEPT.vehicles, vehicle, 0.5, [CONCEPT.demolitionAndRelocation, CONCEPT.environmentalCleanup]],
    [CONCEPT.demolition, DEMOLISH.test(norm) || (hasCue(norm, cues.building_topics) && HARD_ENFORCE.test(norm)), 0.5, null],
    [checked, checked !== undefined, howOnly ? 0 : 0.5, null],
    [CONCEPT.cityManagement, hasCue(norm, cues.street_topics) || roadCleaning(norm, cues), 0, [CONCEPT.enforcement, CONCEPT.environmentalCleanup]],
    // Rubbish on cleared land is clean-up though 拆迁 is named.
    [CONCEPT.clearedLandRubbish, LAND_RUBBISH.test(norm), 0.5, [CONCEPT.demolitionAndRelocation]],
  ];
  for (const [concept, seen, share, over] of objects) {
    if (!seen || !concept) continue;
    if (stands(first, concept)) return negs;
    if (over && !over.some((c) => stands(first, c))) continue;
    const j = rest.findIndex((h) => stands(h, concept) && h.score >= first.score * share);
    if (j >= 0) return [rest[j], first, ...rest.filter((_, k) => k !== j)];
  }
  if (topical(first.item.id)) return negs;
  const i = rest.findIndex((h) => h.score >= first.score * 0.6 && topical(h.item.id));
  if (i < 0) return negs;
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
    items.filter((h) => isNegativeTask(h.item) && reached(h) && (!investmentOnly(h) || developsBusiness(text, cues))),
    text,
    cues,
  );
  const rival = items.find((h) => isOwnWork(h.item));
  const top = negs[0];
  if (!top) return null;
  if (stands(top, CONCEPT.cityManagement) && ownGroundsTidying(text)) return null;
  // For investment the action is developing (引进, 新办, 拉来 …), not inspecting.
  // A form's name is no action: 统计表, 登记表 (filling them in is paperwork).
  const enforce =
    hasCue(text.replace(FORM_NAME, "表"), cues.enforce_verbs) ||
    (stands(top, CONCEPT.investment) && hasCue(text, cues.develop_verbs)) ||
    (stands(top, CONCEPT.cityManagement) && roadCleaning(text, cues));
  if (!enforce && POST_SETUP.test(text)) return null;
  // A task word names the task, unless it is part of a post's title (安全生产信息员, 拆违专干).
  const named = (analysis.taskHits.get(top.item.id) ?? []).some((w) => !new RegExp(`${w}[^，,]{0,3}(员|岗|专干|专班)`).test(text));
  if (!enforce && !named) return null;
  // A topic named only as what a veto assesses ("安全生产实行一票否决") sets no task: the veto is the burden.
  if ((!enforce && hasCue(text, cues.veto)) || vetoTopicOnly(text, cues)) return null;
  const business = hasCue(text, cues.business_targets);
  const hard = HARD_ENFORCE.test(text);
  // Inspecting businesses or enforcing is the mark of the list: a weaker topic match will do.
  if (top.score < ((business && enforce) || hard ? MIN_SCORE_INSPECTION : MIN_SCORE)) return null;

  const ratio = rival ? top.score / rival.score : Infinity;
  let ok = ratio >= 1;
  if (!ok && business && enforce && ratio >= 0.8) ok = true;
  // A near tie where the clause names the negative task itself and sends someone to check it.
  if (!ok && named && enforce && ratio >= 0.9) ok = true;
  if (!ok && hard && ratio >= 0.6) ok = true;
  // Making a shop pull, stop or hand over goods is 责令 whatever assist item shares the topic
  // (协助食品安全检查 is reporting, not 让店主下架).
  const defined = definitionConcept(text, cues);
  const definedHere = defined !== undefined && stands(top, defined);
  if (!ok && hard && business && definedHere && ratio >= 0.3) ok = true;
  // Inspecting a business on the topic the list defines (a hotel's fire exits) is no residents'
  // duty, whatever duty item shares the words (居民防火 duty/18, 消防宣传 assist/7).
  // Going through the businesses one by one leaves no doubt what is inspected.
  const floor = EACH_BUSINESS.test(text) ? 0.3 : 0.4;
  if (!ok && business && INSPECT.test(text) && definedHere && ratio >= floor) ok = true;
  // Sweeping a public road is city management by definition, whoever is sent with the brooms (居民志愿者 is no volunteer-service task).
  if (!ok && stands(top, CONCEPT.cityManagement) && roadCleaning(text, cues) && ratio >= 0.3) ok = true;
  if (!ok) return null;

  // Strength: how high the score is, how clear the margin, and whether the action is an inspection.
  const scorePart = Math.min(1, (top.score - MIN_SCORE) / 30);
  const marginPart = ratio === Infinity ? 1 : Math.min(1, Math.max(0, (ratio - 0.8) / 0.7));
  const actionPart = (enforce ? 0.5 : 0) + (business || hard ? 0.5 : 0);
  const strength = Math.round((0.45 * scorePart + 0.35 * marginPart + 0.2 * actionPart) * 100) / 100;

  const ranked = preferTopical(kb, scope, negs, analysis, cues);
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
 * 散煤 check, not on the campaign). When the rest of the clause has no inspection or enforcement
 * of its own, the framing alone cannot make a push ("为迎接垃圾分类检查，请建立台账" is not one);
 * otherwise the whole clause is tried, since a framing may name the topic ("为做好燃气安全检查…").
 */
export function matchClause(
  retriever: KnowledgeRetriever,
  text: string,
  cues: ScreenCues,
  kb: KnowledgeBase,
  gate: (text: string) => boolean = () => true,
): NegativeMatch | null {
  // A form's title names its paper, not a task: 《流动摊贩情况周报表》.
  text = text.replace(TITLE, "表");
  const core = stripFraming(text);
  if (core !== text) {
    const c = gate(core) ? searchClause(retriever, core) : undefined;
    const m = c ? matchNegative(core, c.analysis, c.hits, cues, kb, retriever.scope) : null;
    if (m || !(hasCue(core, cues.enforce_verbs) || hasCue(core, cues.develop_verbs))) return m;
  }
  // The whole clause, but still without being inspected (迎接上级检查) or the community's own stall.
  const whole = blankUndergo(text);
  if (!gate(whole)) return null;
  const { analysis, hits } = searchClause(retriever, whole);
  return matchNegative(whole, analysis, hits, cues, kb, retriever.scope);
}
