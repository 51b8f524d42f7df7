import { hasCue, type ScreenCues } from "./cues.js";

/**
 * The negative list defines two categories by what is checked at a business: 商户企业、工地、服务机构 ×
 * 消防和生产安全检查 is item 7; 餐饮、公共场所 × 卫生、食品 checks is item 1. Screening and answers
 * both read a check that way, whatever the retriever scored.
 */

// Looking at something with one's own eyes (not counting or registering): the core of an inspection.
// Going somewhere to look (去小区看电梯) is one too.
export const INSPECT = /查|去[^，,；;]{0,6}?看|看看|看一眼|看下|看一下|看一遍|看一圈|看有没有|看是否|过一遍|转一圈|转一转|走一圈|巡|检测|抽检|核实|核对|摸排|摸底/;

// An expired extinguisher is a fire-safety finding, not a hygiene one.
const SAFETY_EXPIRY = /(灭火器|消防器材|气瓶|钢瓶|安全帽|安全带)[^，,；;]{0,6}?过期/g;

/**
 * The negative item a business check on this topic is by definition (0 when none): equipment
 * and safety are 7, hygiene and food 1; with `anyCheck`, any other look into a business's affairs
 * (licences, whom it lets in, what it sells) is administrative enforcement, 1 (a weak default that
 * only adds the item, never reorders).
 */
export function definitionItem(text: string, cues: ScreenCues, anyCheck = true): number {
  if (hasCue(text, cues.equipment_topics)) return 7;
  if (hasCue(text.replace(SAFETY_EXPIRY, ""), cues.hygiene_topics)) return 1;
  if (hasCue(text, cues.safety_topics)) return 7;
  return anyCheck && hasCue(text, cues.business_targets) && INSPECT.test(text) ? 1 : 0;
}

/**
 * The negative item (7 or 1) a question or clause defines by sending someone to look at a
 * business's equipment, safety or hygiene ("去看看小作坊的气罐和电线"), or at special equipment
 * anywhere ("每月去小区看电梯"), or 0.
 */
export function checkedBusinessItem(text: string, cues: ScreenCues): number {
  // Special equipment (电梯, 锅炉) is the regulator's to inspect wherever it stands.
  if (!(hasCue(text, cues.business_targets) || hasCue(text, cues.equipment_topics)) || !INSPECT.test(text)) return 0;
  return definitionItem(text, cues, false);
}
