/**
 * Keeping the community's own grounds tidy (小区、楼道、院内: clearing 小广告, sweeping) is its own
 * 公共事务 (duty/3), not 市政道路的清洁卫生 or 市容整治 (negative/4), unless a public road is named
 * or the clause is about safety hazards (住宅小区安全隐患排查整治 is item 4 too).
 */
const OWN_PLACE = /小区|楼道|院内|院子|院落|楼栋|单元|楼前|楼后/;
const PUBLIC_PLACE = /主干道|次干道|马路|大街|街道两侧|沿街|路边|人行道|背街小巷|市政|道路|路面|广场|市场/;
const TIDYING = /小广告|牛皮癣|清扫|打扫|保洁|清理|卫生|垃圾|杂物/;
const HAZARD = /隐患|安全|排查|自建房|结构|加层|违建|违章/;

/** True when a clause asks only to tidy the community's own grounds. */
export function ownGroundsTidying(text: string): boolean {
  return OWN_PLACE.test(text) && TIDYING.test(text) && !PUBLIC_PLACE.test(text) && !HAZARD.test(text);
}
