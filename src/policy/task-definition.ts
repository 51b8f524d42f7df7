import { CONCEPT, type RuleConcept } from "./concepts.js";
import { findCue, hasCue, type ScreenCues } from "./cues.js";
import { defineRule, type Rule } from "./rules.js";

/*
 * A check is defined by what is checked: special equipment anywhere, and fire and production
 * safety at a business, are safety inspections; hygiene and food at eateries and public places are
 * food and hygiene supervision. Screening and answers both read a check that way, whatever the
 * retriever scored. So with the street (goods and stalls on it, sweeping a public road) and with
 * buildings pulled down or held (demolition).
 */

// Enforcement proper: a community doing this is doing a department's job whatever else is said.
// Closing a hazard case (整改销号, 签字销号) is the regulator's sign-off, not a resident service.
// Telling a business to fix or close is 责令 in everyday words: 让老板限期改, 叫店主先别营业.
// Sealing goods on the spot (就地封存) is the regulator's act.
// Stopping sales, holding goods or materials, and having the owner sign a check record are the
// regulator's acts too: 先让他们停售, 把建材扣下拉到社区暂存, 填好检查记录表让店主签字.
// Moving people out of their homes (把人搬出去, 把人清出去) is 强制搬迁.
export const HARD_ENFORCE =
  /责令|封存|处罚|罚款|罚没|查处|取缔|没收|暂扣|扣押|扣下|扣住|扣留|查封|停业|停售|停止销售|下架|关停|拆除|拆掉|强拆|清拆|强制(清除|铲除|清理|拆|搬|执行|腾退)|征收|代收|收取|收缴|劝离|驱离|清退|(拉|拖|搬|运)(到|回)[^，,；;]{0,8}(暂存|后院|院里|院子|仓库|停车场)|(整改|隐患|签字|验收)[^，,；;]{0,8}销号|(让|叫|要求|责成)(老板|店主|商户|店家|经营户|业户|商家|他们)[^，,；;]{0,8}?(改|停|关|别营业|不准营业|签字|签名|签收)|把人[^，,；;]{0,2}?(搬|清|赶|撵|请)(出去|走)|把东西搬出|全部腾空|把货[^，,；;]{0,2}?封|贴封条/;

export const DEMOLISH = /拆(?!迁|承重|改)(除|掉|了|走|光|一下|干净)?|强拆|清拆|推掉|推倒|铲平/;

// Roads inside a compound are the community's own environment: 小区道路, 院内路面, 楼道.
const OWN_GROUNDS = /(小区|院内|院子|院落|楼道|楼前|楼后|单元|家门口)[^，,；;]{0,4}?(道路|路面|主路|路边|绿化带)?/g;

/** Sweeping or keeping clean a public road (a 主干道, 人行道, 背街小巷): 市政道路的清洁卫生, item 4. */
export function roadCleaning(text: string, cues: ScreenCues): boolean {
  const t = text.replace(OWN_GROUNDS, "");
  return hasCue(t, cues.road_topics) && hasCue(t, cues.clean_verbs);
}

/** Cutting or pruning trees along a public road (not the compound's own). */
function roadsideTrees(text: string, cues: ScreenCues): boolean {
  if (!hasCue(text, cues.tree_topics) || !hasCue(text, cues.tree_cut_verbs)) return false;
  return hasCue(text.replace(OWN_GROUNDS, ""), cues.road_topics);
}

// Looking at something with one's own eyes (not counting or registering): the core of an inspection.
// Going somewhere to look (去小区看电梯) is one too, and so is grading what was seen (挨家打一遍分).
const SCORING = "打[^，,；;]{0,3}分|评分|评出|评级|定级";
export const INSPECT = new RegExp(
  `查|监管|评定|去[^，,；;]{0,6}?看|${SCORING}|看看|看一眼|看下|看一下|看一遍|看一圈|看有没有|看是否|过一遍|转一圈|转一转|走一圈|巡|检测|抽检|核实|核对|摸排|摸底`,
);
/** Grading what was looked at (打分, 评级, 定等级): the regulator's rating of a business. */
export const GRADING = new RegExp(`${SCORING}|(评|定|分|打)[^，,；;]{0,2}?等级|分级`);


type Definition = { rule: Rule<[string, ScreenCues]>; concept: RuleConcept };
const definition = (id: string, description: string, concept: RuleConcept, test: (t: string, c: ScreenCues) => string | undefined): Definition => ({
  rule: defineRule(id, description, (t: string, c: ScreenCues) => {
    const span = test(t, c);
    return span ? { span, detail: concept } : null;
  }),
  concept,
});

/** What is looked at decides the check, in this order. */
const DEFINITIONS: Definition[] = [
  definition("define.special-equipment", "查电梯、锅炉、气瓶这类特种设备，就是特种设备安全检查", CONCEPT.specialEquipment, (t, c) => findCue(t, c.equipment_topics)),
  definition("define.pollution", "查油烟、噪音、排污，就是环境污染的监管", CONCEPT.environmentalCleanup, (t, c) => findCue(t, c.pollution_topics)),
  definition("define.hygiene", "查食品、卫生、健康证，就是食品和卫生监管", CONCEPT.foodAndDrugs, (t, c) => findCue(t, c.hygiene_topics)),
  definition("define.business-safety", "查燃气、电线、消防通道，就是生产经营单位的安全检查", CONCEPT.businessSafety, (t, c) => findCue(t, c.safety_topics)),
  // After safety: 后厨的煤气罐, 烟花店的许可证 are safety checks.
  definition("define.hygiene-by-place", "只说了查后厨、证照、过期，没说安全话题：按食品和卫生监管", CONCEPT.foodAndDrugs, (t, c) => findCue(t, c.hygiene_hints)),
];

const businessAffairs = definition(
  "define.business-affairs",
  "去查商户的其他事（证照、卖什么、让谁进），就是行政执法检查",
  CONCEPT.administrativeEnforcement,
  (t, c) => (INSPECT.test(t) ? findCue(t, c.business_targets) : undefined),
);

/**
 * What a business check on this topic is by definition (undefined when nothing): special
 * equipment, safety, food and hygiene; with `anyCheck`, any other look into a business's affairs
 * (licences, whom it lets in, what it sells) is administrative enforcement (a weak default that
 * only adds the item, never reorders).
 */
export function definitionConcept(text: string, cues: ScreenCues, anyCheck = true): RuleConcept | undefined {
  for (const d of DEFINITIONS) if (d.rule.holds(text, cues)) return d.concept;
  return anyCheck && businessAffairs.rule.holds(text, cues) ? businessAffairs.concept : undefined;
}

/**
 * The check a question or clause defines by sending someone to look at a business's equipment,
 * safety or hygiene ("去看看小作坊的气罐和电线"), or at special equipment anywhere ("每月去小区看
 * 电梯"). Other looks into a business (摸底登记小店) are left to retrieval: a census goes through
 * the shops too.
 */
export function checkedBusinessConcept(text: string, cues: ScreenCues): RuleConcept | undefined {
  // Special equipment (电梯, 锅炉) is the regulator's to inspect wherever it stands.
  if (!(hasCue(text, cues.business_targets) || hasCue(text, cues.equipment_topics)) || !INSPECT.test(text)) return undefined;
  return definitionConcept(text, cues, false);
}

/** What a clause or question is by definition, kind by kind (undefined where a kind does not apply). */
export interface DefinedTasks {
  /** What is checked at a business, or any other look into its affairs. */
  business?: RuleConcept;
  /** Goods and stalls on the street, a public road swept, or trees along it cut. */
  street?: RuleConcept;
  /** Buildings pulled down, or their materials held. */
  building?: RuleConcept;
}

const streetGoods = definition("define.street-vending", "让社区清走街上的摊点、占道的货物，就是城市管理执法", CONCEPT.streetVending, (t, c) => findCue(t, c.street_topics));
const roadSweeping = defineRule("define.road-sweeping", "让社区扫主干道、人行道这类市政道路，就是市政道路保洁", (t: string, c: ScreenCues) =>
  roadCleaning(t, c) ? { span: findCue(t, c.road_topics) ?? "", detail: CONCEPT.roadCleaning } : null,
);
const treesCut = defineRule("define.roadside-trees", "让社区砍、锯、修剪马路边的树，就是行道树排危和养护（园林绿化部门的事）", (t: string, c: ScreenCues) =>
  roadsideTrees(t, c) ? { span: findCue(t, c.tree_cut_verbs) ?? "", detail: CONCEPT.roadsideTrees } : null,
);
const buildingDown = definition("define.demolition", "让社区拆房子、扣建材，就是拆违执法", CONCEPT.demolition, (t, c) =>
  hasCue(t, c.building_topics) ? (HARD_ENFORCE.exec(t) ?? DEMOLISH.exec(t))?.[0] : undefined,
);

/**
 * The tasks a clause or question is by definition, whatever the retriever scored. Needs an
 * enforcement verb, or the sweeping.
 */
export function definedTasks(text: string, cues: ScreenCues): DefinedTasks {
  const sweeps = roadSweeping.holds(text, cues);
  const trees = !sweeps && treesCut.holds(text, cues);
  if (!sweeps && !trees && !hasCue(text, cues.enforce_verbs)) return {};
  const street = streetGoods.rule.holds(text, cues) ? streetGoods.concept : sweeps ? CONCEPT.roadCleaning : trees ? CONCEPT.roadsideTrees : undefined;
  return {
    business: hasCue(text, cues.business_targets) ? definitionConcept(text, cues) : undefined,
    street,
    // Holding or pulling down what an illegal builder uses is 拆违 enforcement.
    building: buildingDown.rule.holds(text, cues) ? buildingDown.concept : undefined,
  };
}
