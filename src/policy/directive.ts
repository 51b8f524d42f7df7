import { findCue, hasCue, type ScreenCues } from "./cues.js";
import { defineRule, patternRule } from "./rules.js";
import { alt, COMMUNITY, COMMUNITY_YOU, DEPARTMENT_UNITS, ORDER_WORDS } from "./vocabulary.js";

/** How hard a clause imposes an action: 0 none, 1 a task verb, 2 a request (请/务必/deadline), 3 with pressure (考核/通报). */
export type DirectiveLevel = 0 | 1 | 2 | 3;

// Dates and deadlines written with numbers: 5月20日前, 20日前, 周五前, 3天内, 下午5点前.
const DEADLINE = /(\d{1,2}月\d{1,2}[日号]?|\d{1,2}[日号]|周[一二三四五六日天末]|星期[一二三四五六日天]|月底|月末|年底|本周|这周|本月|这个月|下班|\d{1,2}[点时:：]\d{0,2})\s*(前|之前|以前|之内|内|为止)|\d+\s*(个工作日|天|日|小时)内|截[止至]/;
// Requests that make a clause an order rather than a description: 请, 务必, quotas of words …
const REQUEST_WORDS = alt(ORDER_WORDS, ["不得少于", "不少于", "至少", "每个社区"]);
const YOU = alt(COMMUNITY_YOU);

/**
 * … and orders in everyday forms, each a named rule: results sent up (汇总给我, 拍照发群里), a
 * polite 麻烦社区同志, a standing round (各社区每周到…), a per-head quota (每人拉20个), an order
 * passed on from a meeting or a call, an obligation without a subject (都要), a standing order's
 * start (从今晚起), a task said to be theirs (归你们社区清), a leader's word passed on, a time to
 * gather, a worker named and told (小李你全程陪着), a doer named (由各社区承接).
 */
const REQUEST_FORMS: Array<[id: string, description: string, pattern: RegExp]> = [
  ["directive.form.must", "社区、网格员、你们“都要”“必须要”", new RegExp(`(社区|网格员?|${YOU}|大家)(都|也|必须|一定)?要(?!求)`)],
  ["directive.form.send-to-me", "汇总、报、发给我", /(汇总|报|发|交)给我(?!了)/],
  ["directive.form.superior-says", "区里、街道、上面让社区、网格员做", new RegExp(`(区里|街道|上面|上级|领导)[^，,；;]{0,4}?(让|叫|要)(咱们?|我们)?(各?社区|网格员?|${YOU})(?!们)`)],
  ["directive.form.post-to-group", "发到群里、传到群里", /(发|传|上传)(到)?群里(?!了)/],
  ["directive.form.polite", "麻烦各社区、各位", new RegExp(`麻烦(各?社区|各?网格|各位|${YOU}|大家)`)],
  ["directive.form.all-must", "没有主语的“都要”", /(?<![我你他])都要(?!求)/],
  ["directive.form.yours-to-do", "说是归社区清、管、负责", new RegExp(`归(${YOU}|咱们?|我们)?(各?社区|网格|村)(清|管|负责|拆|处理|收|弄)`)],
  ["directive.form.leader-says", "书记、领导、街道说社区要…", new RegExp(`(书记|主任|领导|街道|镇上|区里)说[^，,；;]{0,6}?(各?社区|${YOU}|咱们?)`)],
  ["directive.form.said-to-you", "说了：各社区…", new RegExp(`说了?[，,：:](各?社区|网格员?|${YOU}|咱们?社区)`)],
  ["directive.form.gather", "几点到哪里集合、报到", /\d{1,2}[点时:：]\d{0,2}分?[^，,；;]{0,4}?(到|在)[^，,；;]{0,10}?(集合|报到|集中|碰头)/],
  ["directive.form.named-worker", "点名一个人（小李你全程陪着）", /(?<![我咱])(老|小)[\u4e00-\u9fa5]你们?(全程|负责|去|带|跟|盯|把|俩)/],
  ["directive.form.relayed", "交代、布置的：", /(交代|交待|布置|吩咐)的?[：:]/],
  ["directive.form.attention", "各社区注意：", /(各?社区|各位|各网格员?|大家)注意[，,：:！!]/],
  ["directive.form.doer-named", "写明由社区出具、负责、承接", /由[^，,；;]{0,6}?(社区|村上|村里|[一二两三四五六七八九十几各\d]个?村)(统一|分段)?(给开|出具|开具|负责|办理|承接|实施|代收)/],
  ["directive.form.send-people", "每个社区出两个人、各派两个人", /(各|每个|咱们?|我们)社区(各)?(出|派|抽)[一二两三四五六七八九十\d]+个?人/],
  ["directive.form.from-now-on", "从今天起、从下周起", /从(今天|今晚|明天|明早|下周|本周|即日|现在|今年|下月|本月)起/],
  ["directive.form.meeting-said", "会上、电话里交代让社区做", /(会上|开会|电话里|打电话|打电话来)[^，,；;]{0,8}?(说了|交代|交待|布置|强调|让|叫|要求)/],
  ["directive.form.standing-round", "社区每周、每天去做", new RegExp(`(各?社区|网格员?|${YOU})[^，,；;]{0,2}?(每周|每天|每日|每月)`)],
  ["directive.form.per-head", "每人多少个的指标", /每人[^，,；;]{0,6}?\d+/],
];
const REQUEST = new RegExp([REQUEST_WORDS, ...REQUEST_FORMS.map(([, , r]) => r.source)].join("|"));
const requestWord = patternRule("directive.request", "请、务必、要求、必须、立即、限期之类的要求", new RegExp(REQUEST_WORDS));
const requestForms = REQUEST_FORMS.map(([id, description, pattern]) => patternRule(id, description, pattern));
const pressure = defineRule("directive.pressure", "考核、通报、问责之类的督办后果", (t: string, cues: ScreenCues) => findCue(t, cues.pressure) ?? null);
const deadline = defineRule("directive.deadline", "有截止时间（周五前、20日前、3天内）", (t: string, cues: ScreenCues) =>
  DEADLINE.exec(t)?.[0] ?? findCue(t, cues.deadline) ?? null,
);
const taskVerb = defineRule("directive.task-verb", "负责、落实、配合之类的派活说法", (t: string, cues: ScreenCues) => findCue(t, cues.directive) ?? null);

// An order with no 请: "把那几家店的灭火器看一遍", "把建材扣下". Needs an addressee (level 1).
// A worker's own plan ("我们把辖区走一遍") is not one.
const BA_ORDER = /把[^，,；;]{1,30}?(看|查|过|走|跑|摸|巡|清|排查|检查|核对|核实|统计|登记|摸排|扣|拉|收)(一遍|一下|一趟|一圈|清楚|干净|下|走|掉|一清|一查|一看|一摸)(?!了)/;
const FIRST_PERSON_BA = /(我|咱)们?[^，,；;]{0,6}把/;
// A worker speaking for their own community: not an addressee.
const FIRST_PERSON = /我们社区|我社区|本社区|咱们社区|咱社区|我们网格|我们小区/g;

/** An order with no 请 ("把那几家店的灭火器看一遍"), not a worker's own plan. */
const ba = defineRule("directive.ba-order", "把…看一遍、查一下：没有“请”的命令", (text: string) => (FIRST_PERSON_BA.test(text) ? null : (BA_ORDER.exec(text)?.[0] ?? null)));

export function baOrder(text: string): boolean {
  return ba.holds(text);
}

/** The addressee cue of a clause (各社区, 网格员, 你们 …), ignoring a worker's "我们社区". */
export function findAddressee(text: string, cues: ScreenCues): string | undefined {
  return findCue(text.replace(FIRST_PERSON, ""), cues.addressee);
}

/** True when the clause names a deadline. */
export function hasDeadline(text: string, cues: ScreenCues): boolean {
  return deadline.holds(text, cues);
}

/** True when the clause requests in so many words or forms (the combined test first: most clauses have none). */
function requests(text: string): boolean {
  return REQUEST.test(text) && (requestWord.holds(text) || requestForms.some((r) => r.holds(text)));
}

/** How strongly the clause imposes an action on its addressee. */
export function directiveLevel(text: string, cues: ScreenCues): DirectiveLevel {
  if (pressure.holds(text, cues)) return 3;
  if (requests(text) || hasDeadline(text, cues)) return 2;
  if (taskVerb.holds(text, cues)) return 1;
  if (baOrder(text)) return 1;
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

const DEPARTMENT_SENDER = new RegExp(alt(DEPARTMENT_UNITS, ["队", "委", "科", "街道", "政府", "指挥部", "领导小组"]));
// An opening that names the speaker of a report: 网格员反映, 楼栋长报告, 社区汇报.
const SPEAKER = /(反映|报告|汇报|反馈|来电|说|提到|上报)$/;
const COMMUNITY_SENDER = new RegExp(alt(COMMUNITY, ["楼栋长", "书记", "主任", "居民"]));

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
