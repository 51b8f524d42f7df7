import { findCue, hasCue, type ScreenCues } from "../policy/cues.js";

/** How hard a clause imposes an action: 0 none, 1 a task verb, 2 a request (请/务必/deadline), 3 with pressure (考核/通报). */
export type DirectiveLevel = 0 | 1 | 2 | 3;

// Dates and deadlines written with numbers: 5月20日前, 20日前, 周五前, 3天内, 下午5点前.
const DEADLINE = /(\d{1,2}月\d{1,2}[日号]?|\d{1,2}[日号]|周[一二三四五六日天末]|星期[一二三四五六日天]|月底|月末|年底|本周|这周|本月|这个月|下班|\d{1,2}[点时:：]\d{0,2})\s*(前|之前|以前|之内|内|为止)|\d+\s*(个工作日|天|日|小时)内|截[止至]/;
// Requests that make a clause an order rather than a description: 请, 务必, deadlines of words …
const REQUEST_WORDS = "请|务必|要求|须|必须|立即|马上|即日起|抓紧|尽快|确保|一律|限期|不得少于|不少于|至少|每个社区";
// … and orders in everyday forms, one a line:
const REQUEST_FORMS = [
  /(社区|网格员?|你们|大家)(都|也|必须|一定)?要(?!求)/,
  /(汇总|报|发|交)给我(?!了)/,
  /(区里|街道|上面|上级|领导)[^，,；;]{0,4}?(让|叫|要)(咱们?|我们)?(各?社区|网格员?|你们)(?!们)/,
  /(报|交|发|送)过来(?!了)/,
  /(发|传|上传)(到)?群里(?!了)/,
  /麻烦(各?社区|各?网格|各位|你们|大家)/,
  /(?<![我你他])都要(?!求)/,
  /归(你们|咱们?|我们)?(各?社区|网格|村)(清|管|负责|拆|处理|收|弄)/,
  /(书记|主任|领导|街道|镇上|区里)说[^，,；;]{0,6}?(各?社区|你们|咱们?)/,
  /说了?[，,：:](各?社区|网格员?|你们|咱们?社区)/,
  /\d{1,2}[点时:：]\d{0,2}分?[^，,；;]{0,4}?(到|在)[^，,；;]{0,10}?(集合|报到|集中|碰头)/,
  /(?<![我咱])(老|小)[\u4e00-\u9fa5]你们?(全程|负责|去|带|跟|盯|把|俩)/,
  /(交代|交待|布置|吩咐)的?[：:]/,
  /(各?社区|各位|各网格员?|大家)注意[，,：:！!]/,
  /由[^，,；;]{0,6}?(社区|村上|村里|[一二两三四五六七八九十几各\d]个?村)(统一|分段)?(给开|出具|开具|负责|办理|承接|实施|代收)/,
  /(各|每个|咱们?|我们)社区(各)?出[一二两三四五六七八九十\d]+个?人/,
  /从(今天|今晚|明天|明早|下周|本周|即日|现在|今年|下月|本月)起/,
  /(会上|开会|电话里|打电话|打电话来)[^，,；;]{0,8}?(说了|交代|交待|布置|强调|让|叫|要求)/,
  /说[^，,；;]{0,12}?(让|叫)(咱|我们)?(各?社区|网格)/,
  /(各?社区|网格员?|你们)[^，,；;]{0,2}?(每周|每天|每日|每月)/,
  /每人[^，,；;]{0,6}?\d+/,
];
/**
 * Asking for the results to be sent up is an order too: 汇总给我, 拍照发群里, 情况表报过来. So are a
 * polite 麻烦社区同志…, a standing round (各社区每周到…), a per-head quota (每人拉20个), an order
 * passed on from a meeting or a call (李书记在会上说了…, 城管队打电话说让咱社区…), an obligation
 * without a subject (每台电梯…都要现场核对), a standing order's start (从今晚起每晚…), a task said to
 * be theirs (镇上说归你们社区清), a leader's word passed on (书记说社区今天先…), a time to gather, a
 * worker named and told (小李你全程陪着), and a doer named (由各社区承接).
 */
const REQUEST = new RegExp([REQUEST_WORDS, ...REQUEST_FORMS.map((r) => r.source)].join("|"));

// An order with no 请: "把那几家店的灭火器看一遍", "把建材扣下". Needs an addressee (level 1).
// A worker's own plan ("我们把辖区走一遍") is not one.
const BA_ORDER = /把[^，,；;]{1,30}?(看|查|过|走|跑|摸|巡|清|排查|检查|核对|核实|统计|登记|摸排|扣|拉|收)(一遍|一下|一趟|一圈|清楚|干净|下|走|掉|一清|一查|一看|一摸)(?!了)/;
const FIRST_PERSON_BA = /(我|咱)们?[^，,；;]{0,6}把/;
// A worker speaking for their own community: not an addressee.
const FIRST_PERSON = /我们社区|我社区|本社区|咱们社区|咱社区|我们网格|我们小区/g;

/** The addressee cue of a clause (各社区, 网格员, 你们 …), ignoring a worker's "我们社区". */
export function findAddressee(text: string, cues: ScreenCues): string | undefined {
  return findCue(text.replace(FIRST_PERSON, ""), cues.addressee);
}

/** True when the clause names a deadline. */
export function hasDeadline(text: string, cues: ScreenCues): boolean {
  return DEADLINE.test(text) || hasCue(text, cues.deadline);
}

/** How strongly the clause imposes an action on its addressee. */
export function directiveLevel(text: string, cues: ScreenCues): DirectiveLevel {
  if (hasCue(text, cues.pressure)) return 3;
  if (REQUEST.test(text) || hasDeadline(text, cues)) return 2;
  if (hasCue(text, cues.directive)) return 1;
  if (BA_ORDER.test(text) && !FIRST_PERSON_BA.test(text)) return 1;
  return 0;
}

/** Signals for the whole message: who it is addressed to, as a notice. */
export interface MessageContext {
  /** 【通知】-style header, "各社区：" opening, or @所有人. */
  addressedToAll: boolean;
  /** The sender looks like a department or the street office (not a community worker). */
  fromDepartment: boolean;
  /** The message as a whole carries pressure (考核, 通报 …). */
  pressure: boolean;
}

const DEPARTMENT_SENDER = /局|办|所|队|中心|委|站|科|街道|政府|指挥部|领导小组|专班/;
// An opening that names the speaker of a report: 网格员反映, 楼栋长报告, 社区汇报.
const SPEAKER = /(反映|报告|汇报|反馈|来电|说|提到|上报)$/;
const COMMUNITY_SENDER = /社区|居委|网格员|楼栋长|书记|主任|居民/;

/** Message-level signals from the opening of the text and the sender. */
export function messageContext(norm: string, atAll: boolean, cues: ScreenCues, sender?: string): MessageContext {
  const head = norm.slice(0, 40);
  const bracket = /^[【\[]([^】\]]{1,16})[】\]]/.exec(head);
  // A task heading ("公众号涨粉任务：") opens a notice like 通知：.
  const headerCue = bracket ? hasCue(bracket[1], cues.header) : /^(紧急)?通知[:：]|^关于.{2,40}的(通知|安排|提醒)|^[^：:，,]{0,20}任务[:：]/.test(norm.slice(0, 60));
  const opening = /^(?:[【\[][^】\]]*[】\]])?\s*([^：:，,]{1,20})[：:]/.exec(head);
  // "网格员反映：" names who is speaking, not whom the message is for.
  const openingAddressee = !!opening && !SPEAKER.test(opening[1]) && findAddressee(opening[1], cues) !== undefined;
  const s = sender ?? "";
  return {
    addressedToAll: atAll || headerCue || openingAddressee,
    fromDepartment: DEPARTMENT_SENDER.test(s) && !/社区|居委/.test(s.replace(/社区(工作)?群/, "")),
    pressure: hasCue(norm, cues.pressure),
  };
}

/** True when the sender reads as a community worker (a reply or a complaint, not an order). */
export function fromCommunityWorker(sender?: string): boolean {
  return !!sender && COMMUNITY_SENDER.test(sender) && !DEPARTMENT_SENDER.test(sender.replace(/社区|居委会?/g, ""));
}
