/**
 * The vocabularies the rules are built from, each written once: who the community is, what a
 * department is, inspection teams that come to check the community, words that order, and words
 * of reporting to a department. Patterns elsewhere are made from these (`alt`), never retyped.
 */

/** Regex alternation of the entries (entries may carry their own guards, like 院(?!子)). */
export function alt(...lists: ReadonlyArray<readonly string[]>): string {
  return lists.flat().join("|");
}

/**
 * The community and its people: a residents' committee, grid workers, and the village committee
 * that is the rural community (村委会, 两委, 各村); sq and wgy as some type them.
 */
export const COMMUNITY = ["社区", "居委会", "居委", "村委会", "村委", "村两委", "两委", "网格员", "网格", "各村", "村里", "村上", "村干部", "sq", "wgy"] as const;

/** How a message addresses the community it gives work to. */
export const COMMUNITY_YOU = ["你们", "你社区"] as const;

/** How a worker speaks of their own community. */
export const COMMUNITY_WE = ["我们", "咱们"] as const;

/**
 * What names a department or one of its units at the end of a name (区市场监管局, 城管中队,
 * 特检院). Guards keep words that merely contain them out: 院子, 办理, 办事.
 */
export const DEPARTMENT_UNITS = [
  "局",
  "所",
  "院(?!子|内|里|落)",
  "大队",
  "中队",
  "支队",
  "分局",
  "执法队",
  "办(?!理|事|证|法|一|个|场|好|了)",
  "中心",
  "站",
  "科(?!学|技|普|研|目)",
  "公司",
  "机构",
  "单位",
  "专班",
  "检查组",
] as const;

/** Departments named by what they do, as workers name them when reporting to them. */
export const DEPARTMENT_NAMES = [
  "城管",
  "综合执法",
  "执法",
  "城建",
  "住建",
  "安监",
  "应急",
  "派出所",
  "公安",
  "市场监管",
  "消防",
  "环保",
  "生态环境",
  "街道",
  "部门",
  "中队",
  "大队",
  "有关单位",
] as const;

/** A unit named by its enforcing function (执法中队, 稽查大队, 执法人员): who acts, not the task. */
export const ENFORCING_UNIT = /(综合|行政|城管)?(执法|稽查|监察)(大队|中队|支队|分队|队|局|所|站|科|部门|人员|机构)/g;

/** Teams that come to check the community's own work: an occasion, not a department doing a task. */
/** A space between two Chinese words, as voice input leaves where a comma belongs. */
export const VOICE_PAUSE = "(?<=[\\u4e00-\\u9fff])\\s+(?=[\\u4e00-\\u9fff])";

/** A share handed to each community: 各10份, 每个社区200份, 每个社区5000元. */
export const SHARE = /(每个|各)(社区|村|网格)?[^，,；;。]{0,12}?\d+\s*(份|单|张|万元|元)|各\d+\s*(份|单|张)/;

export const INSPECTION_TEAMS = ["检查组", "督查组", "考核组", "暗访组", "验收组", "评估组", "巡查组", "测评组"] as const;

/** Words that make a clause an order. */
export const ORDER_WORDS = ["请", "务必", "要求", "须", "必须", "立即", "马上", "即日起", "抓紧", "尽快", "确保", "一律", "限期"] as const;

/** Verbs of passing something on to a department. */
export const REPORT_VERBS = ["报给", "报告", "上报", "报送", "反映给", "告知", "发给", "转给", "移交", "拍照报", "拍照发", "拍个照发"] as const;
