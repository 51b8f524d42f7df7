import type { Clause } from "./clauses.js";
import { cueIndex, hasCue, type ScreenCues } from "./cues.js";
import { byCommunity, othersDo } from "./department-acts.js";
import { directiveLevel } from "./directive.js";
import { alreadyReported, askDepartment, DEPARTMENT, foundAndReported, inspectsBefore, OPENING, refersOnly, reportCue } from "./reports.js";
import { defineRule } from "./rules.js";
import { alt, COMMUNITY, ORDER_WORDS, VOICE_PAUSE } from "./vocabulary.js";

/** Why a message or a clause is not a push. */
export type Exclusion =
  | "pushback"
  | "news"
  | "complaint"
  | "report"
  | "question"
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
  "self-done": "由部门自己实施，社区只做配合告知",
  "notify-only": "社区只负责通知、转发或带路开门",
  residents: "由居民自己做，社区只做宣传提醒",
  meeting: "是会议或学习通知",
  reply: "是引用上级消息后的回复，不是新派的活",
};

// Caps and floors read as negations but are quotas: 不少于200人, 不得低于.
// "不得兼任其他工作" is part of a 专岗 demand, not a negation of it.
// A-not-A asks a question (秤准不准, 对不对, 用不用): no negation.
const NOT_NEGATION = /(?<a>[\u4e00-\u9fa5])不\k<a>|不得?(少|低|迟|晚)于|不少于|不低于|无论|不定期|不得?(兼任|兼职|挪用|挪作他用|混岗)|不漏一户|不留死角|不落一户|不漏一人|不得(拖延|遗漏|漏报|瞒报|迟报|缺报|敷衍|推诿|延误|走过场|弄虚作假|漏查|漏户|缺席|请假|迟到|早退|代签)/g;
// A greeting opening a message ("各社区好，") names no one to do anything.
const GREETING = /^[^，,；;：:]{0,12}?(好|早上好|上午好|下午好|晚上好)[，,！!]/;
// The community tells people something: 提醒沿街商户…, 通知各家住户…, 转发给业主.
const NOTIFY = /(通知|告知|提醒|转告|转发给?|告诉|知会|(跟|和|给)[^，,；;]{0,8}?(打个?招呼|说一声))[^，,；;]{0,6}?(商户|店主|老板|经营户|居民|业主|住户|租户|房东|大家|群众|各户|物业|楼长|楼栋长|单元长)|(跟|和|给)(沿街|辖区)?(商户|店主|老板|经营户|居民|业主|住户|租户)[^，,；;]{0,4}?(打个?招呼|说一声)/;
// After a notify phrase, the community is still told to do the work itself.
const STILL_DOES = /(开展|进行|完成|组织|负责|落实|逐一|逐户|逐店|逐栋|逐幢|逐楼|逐间|挨家|逐家|自行|找人|组织人)[^，,；;]{0,12}?(检查|排查|巡查|核查|核实|整治|清理|拆除|劝离|登记|统计|摸排|征收|收取|代收|收缴|罚款|处罚|劝导|评定|认定|鉴定|评级|打分|拆|清扫|保洁|打扫|清运|评分|评出|定级|打一遍分|修剪|加固|锯掉)/;

// A forward marker heading the message relays the order; the community forwards nothing by it:
// 【转发】区住建局：…, 转发区应急局通知：….
const FORWARD_HEADER = /^(?:[【\[][^】\]]*[】\]])?\s*[^，,；;：:]{0,12}?转发(?=[^，,；;：:]{0,16}?[：:])[^，,；;：:]{0,16}?[：:]|^(?:[【\[][^】\]]*[】\]])/;

// A stretch of street or an area handed to the community is an assignment: 沿线社区包干, 各社区认领责任区, 划片包干到社区.
const ASSIGNED = new RegExp(
  `(${alt(COMMUNITY)})[^，,；;]{0,4}?(包干|包保|包片|分片包干|划片包干|认领|分包)|(包干|划片|分片|责任区)[^，,；;]{0,4}?(到|给)[^，,；;]{0,2}?(各?(?:${alt(COMMUNITY)}))`,
);
const ORDERS = new RegExp(alt(ORDER_WORDS));

/**
 * True when the community is still told to do the work. What follows a notify phrase is the
 * notified party's to do ("通知商户提前自行拆除": the shops take their signs down themselves).
 */
function stillDoes(text: string): boolean {
  if (ASSIGNED.test(text)) return true;
  const nm = NOTIFY.exec(text);
  return STILL_DOES.test(nm ? text.slice(0, nm.index) : text) || (!!nm && STILL_DOES.test(text.slice(nm.index).replace(/自行/g, "")));
}

// Residents asked to check their own homes: "请居民自行检查家中燃气软管", "提醒业主自查".
const RESIDENTS_SELF = /(请|由|提醒|引导|倡导|动员|号召)(广大|辖区|各位)?(居民|业主|住户|群众|各户|家庭|租户)(朋友)?[^，,；;]{0,3}?(自行|自己|自查|主动)/;

// A meeting notice asks people to attend, not to do a task.
const ATTEND = /参加|参会|召开|出席|准时|到会|会议室|开会|培训|视频会/;
// What a meeting decided, passed on, is an order: 开会口头交代了：…, 会上书记要求….
// So does anything said on coming back from one: 书记刚开会回来说的：….
const RELAYED = /(开会|会上|会议上)[^，,；;：:]{0,6}?(口头)?(交代|交待|布置|安排|部署|强调|要求|说了|讲了|传达)|(开会|开完会|散会)回来|开完会[^，,；;：:]{0,4}?说/;

const negated = defineRule("exclusion.negated", "这一段说的是不做、不再做或不得做的事，不算派活", (piece: string, cues: ScreenCues) =>
  hasCue(piece.replace(NOT_NEGATION, ""), cues.negation) ? piece : null,
);

const PIECE = /([，,、])/;
const PIECE_OR_SPACE = new RegExp(`([，,、]|${VOICE_PAUSE})`);

/**
 * The clause without its negated parts: comma-separated pieces holding 不再/不得/取消… are
 * dropped ("社区不再承担商户燃气检查" leaves nothing; "专人专岗，不得兼任" keeps 专人专岗).
 */
export function stripNegated(text: string, cues: ScreenCues): string {
  // Pieces keep their own separators: "a、b、c三档" must stay a list, not become "a，b，c".
  // A space between Chinese words (voice input) separates pieces too; most clauses have no space.
  const parts = text.split(text.includes(" ") ? PIECE_OR_SPACE : PIECE);
  let out = "";
  for (let i = 0; i < parts.length; i += 2) {
    if (negated.holds(parts[i], cues)) continue;
    out += parts[i] + (parts[i + 1] ?? "");
  }
  return out.replace(/[，,、\s]+$/, "");
}

// An inspection named as a paper or a date is not an action: 检查告知, 整治通知, 检查时间.
const INSPECTION_NOUN = /(检查|排查|巡查|执法|整治|鉴定)(告知书?|通知书?|公告|须知|时间|安排|提示|事项|内容|材料|结果|情况)/g;

// A notice header inside the clause: 派出所通知：, 户籍科提醒：.
const HEADER_NOTICE = /(通知|提醒|告知|转告)(?=[：:])/g;

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
  return own.length < 12 && (own === "" || hasCue(own, cues.chat)) && !ORDERS.test(own);
}

const reply = defineRule("exclusion.quoted-reply", "引用上级消息后只回了“收到”之类：不是新派的活", (norm: string, cues: ScreenCues) => quotedReply(norm, cues));
const pushback = defineRule("exclusion.pushback", "用清单顶回去（这属于负面清单，社区不承担）", (norm: string, cues: ScreenCues) =>
  hasCue(norm, cues.pushback) && /清单|负面|职责|执法权|资质|责任主体|准入|不属于|不归|不得|规定|文件|摊派/.test(norm),
);
const news = defineRule("exclusion.news", "减负政策的消息，不是派活", (norm: string, cues: ScreenCues, toAll: boolean) =>
  !toAll && hasCue(norm, cues.news) && /减负|准入|清单|负担|万能章|证明|摊派|形式主义/.test(norm),
);
const reportMessage = defineRule("exclusion.report-message", "整条消息是社区向部门反映隐患或问题", (norm: string, cues: ScreenCues, toAll: boolean) =>
  !toAll && (hasCue(norm, cues.report_up) || askDepartment.pattern.test(norm)) && /隐患|发现|存在|违法|问题|危险|反映/.test(norm),
);
const complaint = defineRule("exclusion.complaint", "社区工作者在吐槽、回顾已经派过的活", (norm: string, cues: ScreenCues, toAll: boolean) =>
  !toAll && hasCue(norm, cues.complaint) && /我们|我|咱/.test(norm),
);

/** Exclusions that apply to the whole message, or null. */
export function messageExclusion(norm: string, cues: ScreenCues, addressedToAll: boolean): Exclusion | null {
  if (reply.holds(norm, cues)) return "reply";
  if (pushback.holds(norm, cues)) return "pushback";
  if (news.holds(norm, cues, addressedToAll)) return "news";
  if (reportMessage.holds(norm, cues, addressedToAll)) return "report";
  if (complaint.holds(norm, cues, addressedToAll)) return "complaint";
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

const question = defineRule("exclusion.question", "这一句是在问，不是在派活", (clause: Clause, cues: ScreenCues, level?: number) => isQuestion(clause, cues, level));
const residents = defineRule("exclusion.residents-themselves", "请居民自己检查、自查，社区只做提醒", (t: string) => {
  const m = RESIDENTS_SELF.exec(t);
  return m && !stillDoes(t.replace(RESIDENTS_SELF, "")) ? { span: m[0] } : null;
});
const stillDoing = defineRule("exclusion.community-still-does", "部门做的旁边，仍让社区自己去检查、清理", (t: string) => stillDoes(t));
const notifyOnly = defineRule("exclusion.notify-only", "社区只负责通知、转发、提醒或带路开门", (span: string) => span || null);
const meeting = defineRule("exclusion.meeting", "会议、培训通知，只让人参加", (t: string, cues: ScreenCues) =>
  hasCue(t, cues.meeting) && ATTEND.test(t) && !RELAYED.test(t) && !hasCue(t, cues.pressure) && !STILL_DOES.test(t),
);

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
  if (question.holds(clause, cues, level)) return "question";
  if (reportCue.holds(t, cues) || askDepartment.holds(t) || foundAndReported.holds(t, cues) || alreadyReported.holds(t) || refersOnly.holds(t, cues, stillDoes)) return "report";
  if (residents.holds(t)) return "residents";
  if (othersDo(t, cues) && !byCommunity.holds(t)) {
    // "…由城管中队提供收据，请各社区逐店检查" still sends the community to do the work.
    const body = t
      .replace(OPENING, (m) => " ".repeat(m.length))
      .replace(GREETING, (m) => " ".repeat(m.length))
      .replace(/社区(无需|不需要|不用|不必|只需|仅需|只负责|仅负责)/g, "      ");
    const a = cueIndex(body, cues.addressee);
    if (a < 0 || !stillDoing.holds(t.slice(a, a + 40))) return "self-done";
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
  if (n >= 0 && !promotes && !stillDoes(plain.slice(n)) && !communityChecks && notifyOnly.holds(plain.slice(n, n + 12))) return "notify-only";
  if (meeting.holds(t, cues)) return "meeting";
  return null;
}
