import type { Clause } from "./clauses.js";
import { cueIndex, hasCue, type ScreenCues } from "../policy/cues.js";
import { directiveLevel } from "./directive.js";
import { INSPECT } from "../policy/task-definition.js";

/** Why a message or a clause is not a push. */
export type Exclusion =
  | "pushback"
  | "news"
  | "complaint"
  | "report"
  | "question"
  | "negated"
  | "self-done"
  | "notify-only"
  | "residents"
  | "meeting"
  | "reply";

/** Supervisor-readable wording of each exclusion (used in the reason of a non-flag). */
export const EXCLUSION_TEXT: Record<Exclusion, string> = {
  pushback: "引用清单拒绝承担，不是派活",
  news: "是减负政策的消息，不是派活",
  complaint: "是社区工作者在反映或吐槽，不是派活",
  report: "是社区向部门报告情况，属于社区本身职责",
  question: "是在询问，不是派活",
  negated: "说的是不做、不再做或不得做的事",
  "self-done": "由部门自己实施，社区只做配合告知",
  "notify-only": "社区只负责通知、转发或带路开门",
  residents: "由居民自己做，社区只做宣传提醒",
  meeting: "是会议或学习通知",
  reply: "是引用上级消息后的回复，不是新派的活",
};

// Caps and floors read as negations but are quotas: 不少于200人, 不得低于.
// "不得兼任其他工作" is part of a 专岗 demand, not a negation of it.
const NOT_NEGATION = /不得?(少|低|迟|晚)于|不少于|不低于|无论|不定期|不得?(兼任|兼职|挪用|挪作他用|混岗)|不漏一户|不留死角|不落一户|不漏一人|不得(拖延|遗漏|漏报|瞒报|迟报|缺报|敷衍|推诿|延误|走过场|弄虚作假|漏查|漏户)/g;
// Someone other than the community does the work: "由执法大队负责实施", "由区市场监管局组织开展".
// Conclusions and papers issued by the department count too: "鉴定结论由住建局出具".
// A person or post named by a count or a role is the community's own staff: 由一名专职人员负责, 由专人负责.
// A village committee is the rural community: 由村委会负责管理, 由村两委先行认定.
const BY_OTHERS = /由(?!各?社区|各?网格|各?居委|各?村委|村两委|两委|各村|村上|村里|村干部|你们|你社区|[^，,；;]{0,6}?(专人|专职|兼职|专干|[一二两三四五\d]+\s*名|[一二两三\d]+\s*人|本人|书记|主任|楼栋长|志愿者))[^，,；;]{1,16}?(负责(实施|检查|执法|排查|开展|处置|查处)?(?=[，,；;]|$)|负责(实施|检查|执法|排查|开展|处置|查处|清扫|保洁|打扫|清运|维修|入户)|组织实施|实施|开展|执行|上门|处理|处置|查处|出具|作出|认定|鉴定|评定|签发|下达|牵头|洽谈|受理|直接受理|统一(检查|执法|处置|实施))/;
// A department as the subject at the start of a clause: "区市场监管局将于下周…", "我所定于…".
// An agency the department hired counts as the department: "区住建局委托的鉴定机构下周进场".
// A clause opening with 请 or 在 is an order or a place: 请…在社区服务站门口统一挂牌 names no department acting.
// 办 as in 办理/办事 is a verb, not an office: "群众办理入户要社区开证明".
// Sending papers (发来名单, 转来申报表) hands the work over; it is not the department coming.
// A count of work done (我大队在城北共拆除12处) reports the department's own work.
// Nor is commissioning the community (委托各社区对…初判): the community does the work. Hiring an
// agency is the department acting (我局请第三方鉴定机构…). "按县局安排" is a basis, not a subject.
const DEPT_SUBJECT = /^(?:[【\[][^】\]]*[】\]])?(?!根据|按照|按|据|依据|遵照|受|经|应|为|请|在)(?:区|县|市|街道|镇|我)?[^，,；;：:]{0,14}?(局|所|院(?!子|内|里|落)|大队|中队|执法队|办(?!理|事|证|法|一|个|场|好|了)|中心|站|公司|支队|分局|检查组|专班|机构|单位|团队)[^，,；;]{0,6}?(将|会|拟|定于|计划|近期|下周|明天|后天|统一|负责|牵头|(?<!检查|整治|工作)安排|委托(?![^，,；;]{0,8}?(社区|网格|居委|村))|请(?=第三方|专业|机构|公司|鉴定|检测)|共(?=[^，,；;]{0,4}?(拆除|清理|处罚|查处|检查|整治|取缔|签约|收缴))|组织|派员|派人|已经(?!发|转)|已(?!发|转|经)|进场|进驻|入户|上门|要来|(?<![发转送传寄])来(?!文|电|函|信|通知|人?说|了个))/;
// The department's own people do it: "是燃气公司自己的人查", "供水公司自己派人入户", "由他们自己上门", "他们自己来拆".
// Owners told to do it themselves are not the department: "让他们自己拆，不拆的社区找人拆".
const OWN_PEOPLE =
  /(?<!让|叫|要求|督促|劝|通知|告诉)(局|所|院|大队|中队|队|公司|中心|站|部门|单位|机构|检查组|他们|(检验|检测|检查|执法)员|(检测|检查|安检|维修|施工|执法)人员|师傅)(自己|自行|亲自)(的人|的工作人员|派人|派员|人员)?(来|去|过来)?[^，,；;]{0,4}?(查|检查|检测|安检|入户|上门|做|弄|负责|实施|处理|维修|抄表|拆|清理|清运|收)/;
// The community being inspected: "创卫检查组下周来", "市督查组明天到社区" is an occasion, not a department doing the task.
const INSPECTION_GROUP = /检查组|督查组|考核组|暗访组|验收组|评估组|巡查组|测评组/;
const INSPECTED_BY = new RegExp(`[^，,；;：:]{0,8}?(${INSPECTION_GROUP.source})[^，,；;]{0,8}?(来|到|莅临|进驻|检查|督查|暗访|验收|测评)[^，,；;]{0,6}`, "g");
// A greeting opening a message ("各社区好，") names no one to do anything.
const GREETING = /^[^，,；;：:]{0,12}?(好|早上好|上午好|下午好|晚上好)[，,！!]/;
// "各社区：" opening a notice: the addressee of the whole message, not of this clause's action.
const OPENING = /^(?:[【\[][^】\]]*[】\]])?\s*[^：:，,]{1,20}[：:]/;
// The community tells people something: 提醒沿街商户…, 通知各家住户…, 转发给业主.
const NOTIFY = /(通知|告知|提醒|转告|转发给?|告诉|知会)[^，,；;]{0,6}?(商户|店主|老板|经营户|居民|业主|住户|租户|房东|大家|群众|各户|物业|楼长|楼栋长|单元长)/;
// A community asking a department to come and deal with something it found.
// Seeing it on a round and sending a photo is reporting too: 看到…拍个照发给安监办.
const REPORT_FOUND = /(发现|看到|见到|遇到|碰到)[^；;]{0,24}?(报给|报告|上报|告知|反映给?|报送|发给|拍照报|拍照发|拍个照发)[^；;]{0,12}?(城管|执法|安监|应急|派出所|公安|市场监管|消防|街道|部门|中队|大队|有关单位)/;
// Already passed on to a department: "我们已经报给街道城建办了，请他们来认定处理".
const REPORT_DONE = /(已经|已)(报给|报告给?|上报给?|反映给|转给|移交给?)[^，,；;]{0,10}?(街道|城管|城建|住建|执法|安监|应急|派出所|公安|市场监管|消防|部门|中队|大队)/;
// Recording a problem and passing it on: "做好记录并报城管中队处理".
const REPORT_REFER = /(报|报给|报告|交给?|转给?|移交)(区|街道)?(城管|综合执法|执法|安监|应急|派出所|公安|市场监管|住建|环保|生态环境|中队|大队|有关部门|相关部门)[^，,；;]{0,8}?(处理|处置|查处|依法处理)/;
// A worker asking a department to send someone: "请安监站派人去看一下", "麻烦你们尽快派人来看看".
// The party asked must not be the community itself ("请各社区派人去看一下加油站" is an order).
const REPORT_ASK =
  /(请|麻烦)(?![^，,；;]{0,8}?(社区|网格|居委|楼栋长))[^，,；;]{0,8}?(派人|安排人员?|派员|来人)[^，,；;]{0,3}?(来|去|过来|过去|前来|到场|现场)?(处理|处置|查看|看看|看一下|看下|看一看|核查|核实|解决|检查|查一下|查一查|查查|查下)/;
// After a notify phrase, the community is still told to do the work itself.
const STILL_DOES = /(开展|进行|完成|组织|负责|落实|逐一|逐户|逐店|逐栋|逐幢|逐楼|逐间|挨家|逐家|自行|找人|组织人)[^，,；;]{0,12}?(检查|排查|巡查|核查|核实|整治|清理|拆除|劝离|登记|统计|摸排|征收|收取|代收|收缴|罚款|处罚|劝导|评定|认定|鉴定|评级|打分|拆|清扫|保洁|打扫|清运|评分|评出|定级|打一遍分|修剪|加固|锯掉)/;

// The community named as the one in charge: 今后由村委会负责管理, 由各社区负责.
const BY_COMMUNITY = /由[^，,；;]{0,6}?(社区|网格|村委|村上|村里|[一二两三四五六七八九十几各\d]个?村)|由(各?社区|各?网格|各?居委会?|各?村委会?|村两委|两委|各村|村上|村里|你们|你社区)/;

// The community doing it on its own is no department doing it: 请社区自行组织人员, 各社区自己安排.
const COMMUNITY_ITSELF = /(社区|网格员?|居委会?|村委会?|两委|各村|村里|村上|你们|各单位)[^，,；;]{0,4}?(自行|自己|组织实施|负责实施)/g;
// A forward marker heading the message relays the order; the community forwards nothing by it:
// 【转发】区住建局：…, 转发区应急局通知：….
const FORWARD_HEADER = /^(?:[【\[][^】\]]*[】\]])?\s*[^，,；;：:]{0,12}?转发(?=[^，,；;：:]{0,16}?[：:])[^，,；;：:]{0,16}?[：:]|^(?:[【\[][^】\]]*[】\]])/;

// A stretch of street or an area handed to the community is an assignment: 沿线社区包干, 各社区认领责任区, 划片包干到社区.
const ASSIGNED = /(社区|网格|居委)[^，,；;]{0,4}?(包干|包保|包片|分片包干|划片包干|认领|分包)|(包干|划片|分片|责任区)[^，,；;]{0,4}?(到|给)[^，,；;]{0,2}?(各?社区|各?网格|居委)/;

/**
 * True when the community is still told to do the work. What follows a notify phrase is the
 * notified party's to do ("通知商户提前自行拆除": the shops take their signs down themselves).
 */
function stillDoes(text: string): boolean {
  if (ASSIGNED.test(text)) return true;
  const nm = NOTIFY.exec(text);
  return STILL_DOES.test(nm ? text.slice(0, nm.index) : text) || (!!nm && STILL_DOES.test(text.slice(nm.index).replace(/自行/g, "")));
}

/** Passes a problem on without checking anything first ("看看…有问题报城管" is still a check). */
function refersOnly(t: string, cues: ScreenCues): boolean {
  const m = REPORT_REFER.exec(t);
  return !!m && !stillDoes(t) && !inspectsBefore(t.slice(0, m.index).replace(OPENING, ""), cues);
}

/** Reporting what was found, unless the same clause first orders the community to check ("请网格员挨家检查…发现问题上报"). */
function foundReport(t: string, cues: ScreenCues): boolean {
  const m = REPORT_FOUND.exec(t);
  if (!m) return false;
  const before = t.slice(0, m.index).replace(OPENING, "");
  return !(/请|务必|要求|必须|须|安排|组织/.test(before) && inspectsBefore(before, cues));
}

// Residents asked to check their own homes: "请居民自行检查家中燃气软管", "提醒业主自查".
const RESIDENTS_SELF = /(请|由|提醒|引导|倡导|动员|号召)(广大|辖区|各位)?(居民|业主|住户|群众|各户|家庭|租户)(朋友)?[^，,；;]{0,3}?(自行|自己|自查|主动)/;

// A meeting notice asks people to attend, not to do a task.
const ATTEND = /参加|参会|召开|出席|准时|到会|会议室|开会|培训|视频会/;
// What a meeting decided, passed on, is an order: 开会口头交代了：…, 会上书记要求….
const RELAYED = /(开会|会上|会议上)[^，,；;：:]{0,6}?(口头)?(交代|交待|布置|安排|部署|强调|要求|说了|讲了)/;

/**
 * The clause without its negated parts: comma-separated pieces holding 不再/不得/取消… are
 * dropped ("社区不再承担商户燃气检查" leaves nothing; "专人专岗，不得兼任" keeps 专人专岗).
 */
export function stripNegated(text: string, cues: ScreenCues): string {
  // Pieces keep their own separators: "a、b、c三档" must stay a list, not become "a，b，c".
  const parts = text.split(/([，,、])/);
  let out = "";
  for (let i = 0; i < parts.length; i += 2) {
    if (hasCue(parts[i].replace(NOT_NEGATION, ""), cues.negation)) continue;
    out += parts[i] + (parts[i + 1] ?? "");
  }
  return out.replace(/[，,、]+$/, "");
}

// The department, its agencies and its staff (鉴定人员, 检测人员, 特检院).
const DEPARTMENT = /局|所|院|大队|中队|执法|中心|站|公司|机构|部门|检查组|(检查|鉴定|检测|维修|施工|安检)人员/;

// An inspection named as a paper or a date is not an action: 检查告知, 整治通知, 检查时间.
const INSPECTION_NOUN = /(检查|排查|巡查|执法|整治|鉴定)(告知书?|通知书?|公告|须知|时间|安排|提示|事项|内容|材料|结果|情况)/g;

// A notice header inside the clause: 派出所通知：, 户籍科提醒：.
const HEADER_NOTICE = /(通知|提醒|告知|转告)(?=[：:])/g;

/**
 * True when a piece before a notify phrase has the community inspecting (not a department). With
 * `namedOnly` (a department heads the message), only pieces that name the community count.
 */
function inspectsBefore(before: string, cues: ScreenCues, namedOnly = false): boolean {
  return before
    .split(/[，,]/)
    .some(
      (piece) =>
        (hasCue(piece, cues.enforce_verbs) || INSPECT.test(piece)) &&
        !DEPARTMENT.test(piece) &&
        !hasCue(piece, cues.self_done) &&
        (!namedOnly || hasCue(piece, cues.addressee)),
    );
}

// Forwarding with a count is a promotion quota, not a notice: 每天转发不少于3条, 新增关注100人.
const QUOTA = /(不少于|不低于|至少|达到|每人|每户|每个社区)[^，,；;]{0,6}?\d+|\d+\s*(条|次|篇|人|户|个赞|个关注)(以上)?/;

// A quoted message (WeChat's 「王主任：…」, or “…”) followed by the replier's own words.
const QUOTE = /^\s*[「“"][^」”"]{4,}[」”"]\s*/;

/**
 * True when the message quotes an earlier one and only acknowledges it ("「…」 收到"): the quoted
 * order was screened when it was posted; a reply that presses it again ("再强调一遍，今晚就要清")
 * is judged with the quote.
 */
export function quotedReply(norm: string, cues: ScreenCues): boolean {
  const q = QUOTE.exec(norm);
  if (!q) return false;
  const own = norm.slice(q[0].length).trim();
  return own.length < 12 && (own === "" || hasCue(own, cues.chat)) && !/请|务必|要求|必须|抓紧|马上|立即/.test(own);
}

/** Exclusions that apply to the whole message, or null. */
export function messageExclusion(norm: string, cues: ScreenCues, addressedToAll: boolean): Exclusion | null {
  if (quotedReply(norm, cues)) return "reply";
  if (hasCue(norm, cues.pushback) && /清单|负面|职责|执法权|资质|责任主体|准入|不属于|不归/.test(norm)) return "pushback";
  if (!addressedToAll && hasCue(norm, cues.news) && /减负|准入|清单|负担|万能章|证明/.test(norm)) return "news";
  if ((hasCue(norm, cues.report_up) || REPORT_ASK.test(norm)) && /隐患|发现|存在|违法|问题|危险|反映/.test(norm) && !addressedToAll) return "report";
  if (!addressedToAll && hasCue(norm, cues.complaint) && /我们|我|咱/.test(norm)) return "complaint";
  return null;
}

// An indirect question is the object of a check, not a question: 认定是否属于违建, 看看有没有, 核实是不是.
// So is a yes/no that names a finding: 出具是否属于违法建设的认定意见.
const INDIRECT = /(认定|判断|确认|确定|查看|查明|查清|查|看看|看一下|看下|看|核实|核查|核对|检查|排查|摸排|了解|摸清|弄清|登记|鉴定|评估|甄别|问问|问一下)(一下)?[^；;？?]{0,12}?(是否|是不是|有没有|有无|能不能|属不属于|算不算|要不要)|(是否|是不是)[^；;？?，,]{0,12}?的?(认定|意见|结论|鉴定|证明)/g;
// Once a check is asked for, later yes/no words list more of what to check: "看有没有许可证、存放是不是超量".
const EMBEDDED = /是否|是不是|有没有|有无|能不能|属不属于|算不算|要不要/g;

/** The clause with its indirect questions (the objects of a check) blanked. */
function withoutIndirect(t: string): string {
  const first = t.search(INDIRECT);
  if (first < 0) return t;
  return t.slice(0, first) + t.slice(first).replace(INDIRECT, "").replace(EMBEDDED, "");
}

/** True when the clause asks rather than orders. */
export function isQuestion(clause: Clause, cues: ScreenCues, level?: number): boolean {
  if (clause.question) return true;
  // An order with a deadline or a 请 that does not end like a question asks nothing: "农药咋存放的…各村今天下午摸一遍".
  const asks = /请问|请教/.test(clause.text);
  const orderLevel = level !== undefined && !asks ? level : directiveLevel(asks ? clause.text.replace(/请问|请教/g, "") : clause.text, cues);
  if (orderLevel >= 2 && !/[吗呢么]$/.test(clause.text)) return false;
  return hasCue(withoutIndirect(clause.text), cues.question);
}

/** Exclusions that apply to one clause, or null; `level` is the clause's directive level when already known. */
export function clauseExclusion(clause: Clause, cues: ScreenCues, level?: number): Exclusion | null {
  const t = clause.text;
  if (isQuestion(clause, cues, level)) return "question";
  if (!stripNegated(t, cues)) return "negated";
  if (hasCue(t, cues.report_up) || REPORT_ASK.test(t) || foundReport(t, cues) || REPORT_DONE.test(t) || refersOnly(t, cues)) return "report";
  if (RESIDENTS_SELF.test(t) && !stillDoes(t.replace(RESIDENTS_SELF, ""))) return "residents";
  // (The inspected-by pattern backtracks at every position: run it only where a group is named.)
  const afterOpening = INSPECTION_GROUP.test(t) ? t.replace(OPENING, "").replace(INSPECTED_BY, "") : t.replace(OPENING, "");
  const othersDo = hasCue(t.replace(COMMUNITY_ITSELF, ""), cues.self_done) || BY_OTHERS.test(t) || OWN_PEOPLE.test(t) || DEPT_SUBJECT.test(afterOpening);
  if (othersDo && !BY_COMMUNITY.test(t)) {
    // "…由城管中队提供收据，请各社区逐店检查" still sends the community to do the work.
    const body = t
      .replace(OPENING, (m) => " ".repeat(m.length))
      .replace(GREETING, (m) => " ".repeat(m.length))
      .replace(/社区(无需|不需要|不用|不必|只需|仅需|只负责|仅负责)/g, "      ");
    const a = cueIndex(body, cues.addressee);
    if (a < 0 || !stillDoes(t.slice(a, a + 40))) return "self-done";
  }
  // Blank the inspection nouns in place, so positions still line up with `t`.
  // "派出所通知：" heads the sender's notice; the community notifies no one by it.
  const dots = (m: string) => "·".repeat(m.length);
  const plain = t.replace(INSPECTION_NOUN, dots).replace(HEADER_NOTICE, dots).replace(FORWARD_HEADER, dots);
  const nm = NOTIFY.exec(plain);
  const n = nm ? nm.index : cueIndex(plain, cues.notify_only);
  // Only notifying: no inspection before the notice ("…看看网吧，发现了通知老板整改" is a push).
  const promotes = hasCue(t, cues.app) && hasCue(t, cues.app_verbs) && QUOTA.test(t);
  // A department heading the message ("特种设备科：本周对…电梯抽查") does the checks it names before the notice.
  const opening = OPENING.exec(t)?.[0] ?? "";
  const before = plain.slice(0, n).replace(OPENING, "");
  const communityChecks = inspectsBefore(before, cues, DEPARTMENT.test(opening));
  if (n >= 0 && !promotes && !stillDoes(plain.slice(n)) && !communityChecks) return "notify-only";
  if (hasCue(t, cues.meeting) && ATTEND.test(t) && !RELAYED.test(t) && !hasCue(t, cues.pressure) && !STILL_DOES.test(t)) return "meeting";
  return null;
}
