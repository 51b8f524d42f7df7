import { alt, INSPECTION_TEAMS, ORDER_WORDS, VOICE_PAUSE } from "./vocabulary.js";
/**
 * The framing of a notice ("为迎接…检查", "冬季大气污染防治期间", "根据区住建局部署") says why or
 * when, not what the community is asked to do. It names campaigns (大气污染防治, 垃圾分类) and
 * even inspections the community will undergo (迎接检查), which must not decide the task.
 */

// Pieces that give the purpose or the basis: 为推进…, 根据…要求, 按照…部署, 迎接…检查.
const PURPOSE = /^(为了?|根据|按照|依据|遵照|结合|围绕|针对|鉴于|随着|迎接|按|经)/;
// Pieces that give the time or the occasion: …期间, …即将开始, …来临之际.
const OCCASION = /(期间|之际|前夕|来临|到来|将至|临近|即将开始|即将启动|开始了|以来|部署|要求|精神|安排|统一部署|工作需要)$/;
// A piece that gives an order is never framing ("为确保安全，请各社区…" keeps the second piece).
// (Not 确保 or a bare 要求: "为确保安全", "根据区里要求" give the purpose and the basis.)
const ORDER = new RegExp(alt(ORDER_WORDS.filter((w) => w !== "确保" && w !== "要求"), ["要求各"]));
// Being inspected is not inspecting: 迎接检查, 迎检, 接受督查, 应对考核.
// The superior checking the community's work is oversight, not the community's task: 街道每月抽查,
// 检查组来了要翻看, 每周五交综治中心检查.
const TEAMS = alt(INSPECTION_TEAMS);
const UNDERGO = new RegExp(
  "(迎接|接受|应对|准备)[^，,]{0,12}?(检查|督查|验收|考核|评估|暗访)|迎检|(街道|区里|区委|区级|市级|县级|省级|镇级|上级|领导|督查组|考核组)[^，,；;]{0,6}?(将|会|要)?(不定期)?(抽查|检查|督查|暗访|考核|验收)" +
    `|(${TEAMS})[^，,；;]{0,4}?((来了?|到了?|进驻|莅临)[^，,；;]{0,4}?)?(要|会|将)?(翻看|查看|翻阅|调阅|检查|抽查|看)?` +
    "|交(给|到)?[^，,；;]{0,8}?(检查|审核|审查|查看|抽查)" +
    `|(街道|区里|上级|领导|${TEAMS})[^，,；;]{0,4}?来(查|看|检查|抽查)`,
  "g",
);

// The community's own publicity stall is no street vending: 摆摊发放宣传资料, 设点摆摊宣传.
const STALL = "(设点|设个点)?摆(摊|台|摊位|个摊)(子)?";
const PUBLICITY = "(发放|宣传|宣讲|讲|咨询|义诊|答疑|服务|登记)";
const OWN_STALL = new RegExp(`${STALL}[^，,；;]{0,6}?${PUBLICITY}|(宣传|咨询|义诊|便民服务)(摊位|台|摊)`, "g");
// The stall word alone, the event kept: for questions, where what is publicised names the task.
const STALL_WORD = new RegExp(`${STALL}(?=[^，,；;。？?]{0,8}?${PUBLICITY})`, "g");

// A tail that says what to do with findings: "没按时维保的报市场监管所", "发现问题及时上报", "不听的拍照发给他". It does not
// name the task (the check before it does), so it is dropped like framing.
const REPORT_TAIL = /^(发现|有|凡|对|没|未|不|存在)[^，,]{0,14}?(的|问题|隐患)?[^，,]{0,4}?(报|上报|报告|报送|反馈|移交|转交|发给|拍给)(给)?[^，,]{0,10}$/;

const COMMA = /[，,：:]/;
const COMMA_OR_SPACE = new RegExp(`[，,：:]|${VOICE_PAUSE}`);

/** The clause split into comma pieces (a space between Chinese words, as voice input leaves, is a comma too), each marked as framing or not. */
function pieces(text: string): Array<{ text: string; framing: boolean }> {
  return text
    .split(text.includes(" ") ? COMMA_OR_SPACE : COMMA)
    .filter((p) => p.trim())
    .map((p) => {
      const t = p.trim();
      const framing = (!ORDER.test(t.replace(/要求$/, "")) && (PURPOSE.test(t) || OCCASION.test(t))) || REPORT_TAIL.test(t);
      return { text: t, framing };
    });
}

/**
 * What the clause asks once its framing is dropped, or the clause itself when nothing is left
 * or nothing was framing. Being-inspected phrases and the community's own publicity stalls are
 * blanked in either case.
 */
export function stripFraming(text: string): string {
  const ps = pieces(text);
  const kept = ps.filter((p) => !p.framing);
  const out = kept.length > 0 && kept.length < ps.length ? kept.map((p) => p.text).join("，") : text;
  return blankUndergo(out);
}

/** The clause with being-inspected phrases and the community's own publicity stalls removed. */
export function blankUndergo(text: string): string {
  const t = text.replace(UNDERGO, "");
  // Every stall pattern has 摆 or a publicity word before 摊/台; most clauses have neither.
  return /摆|摊|台/.test(t) ? t.replace(OWN_STALL, "") : t;
}

/** True when the clause has framing pieces (a purpose, a basis or an occasion). */
export function hasFraming(text: string): boolean {
  return pieces(text).some((p) => p.framing);
}

/** The text without the stall of the community's own publicity event (摆摊讲禁毒 → 讲禁毒). */
export function withoutOwnStallWord(text: string): string {
  return /摆/.test(text) ? text.replace(STALL_WORD, "") : text;
}
