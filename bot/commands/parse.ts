import type { ListKind } from "../../src/types.js";
import { mentionOf } from "../mention.js";
import { CHINESE_NUMERAL, parseNumber } from "./numerals.js";

/** What a message addressed to the bot asks for. */
export type Command =
  | { kind: "help" }
  | { kind: "search"; query: string }
  | { kind: "list"; list: ListKind | null }
  | { kind: "item"; id: string }
  | { kind: "item-number"; number: number; list: ListKind | null }
  | { kind: "doc"; id: string }
  | { kind: "region"; place?: string; clear?: boolean }
  | { kind: "why"; flagId: number }
  | { kind: "check"; text: string; group?: string; sender?: string; consent?: boolean }
  | { kind: "digest" }
  | { kind: "review"; status: "confirmed" | "dismissed"; flagId: number; note?: string }
  | { kind: "feedback"; text: string }
  | { kind: "ask"; question: string };

/** Supervisor-only commands. */
export const SUPERVISOR_COMMANDS: ReadonlySet<Command["kind"]> = new Set(["digest", "review", "why"]);

const LIST_WORDS: Array<[RegExp, ListKind]> = [
  [/^(可出具|可以出具|可开具|能开)(的)?(证明)?/, "certificate"],
  [/^(原则上取消|一律取消|取消)/, "cancelled"],
  [/^(负面|负面清单|不应|不应由社区承担)/, "negative"],
  [/^(履职|履职清单|职责|依法履行职责)/, "duty"],
  [/^(协助|协助清单|依法协助)/, "assist"],
  [/^(证明|证明清单|不应出具证明|出具证明)/, "no-certificate"],
];

const ITEM_ID = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*\/\d+$/;
const DOC_ID = /^doc\/[a-z0-9][a-z0-9-]*(?:#[a-z0-9-]+)?$/i;
/** 看看负面清单, 打开证明清单第三项: a verb of looking before a list or an item. */
const LOOK = "(?:看看|看一看|看一下|看下|查看|打开|显示|给我看看|我要看|发一下)?";
const LIST_WORD = "(负面|履职|协助|证明|可出具证明|原则上取消)";
const NUMBER = `(?:第?(\\d{1,3}|[０-９]{1,3})|第(${CHINESE_NUMERAL}{1,5}))`;
/** 第7项, 第七项, 负面清单第7类 (the negative list is numbered by 类), 协助清单第二十项, 第十二条. */
const NUMBERED = new RegExp(`^${LOOK}(?:${LIST_WORD}(?:清单)?的?)?${NUMBER}[项条类]$`);
const WHOLE_LIST = new RegExp(`^${LOOK}${LIST_WORD}清单$`);
/** `查 电梯`, `查：电梯`: a separator makes 查 a search; 查商铺燃气归谁管 stays a question. */
const LOOKUP = /^查(?:一下|找)?[\s:：]+(\S.*)$/s;
const ASKING = /[?？]$|吗|呢|归谁|谁管|是不是|能不能|要不要|该不该|怎么/;
const REGION = /^(?:设置|设定|修改)?(?:本群|本聊天)?(?:地区|所在地区)(?:设置为|设为|改为|改成|为|是)?(?:[\s:：]+(.*)|([\u4e00-\u9fa5]{2,30}))?$/s;
const PLACE_END = /(省|市|区|县|州|盟|旗|全国)$/;
const CLEAR = /^(清除|取消|删除|恢复默认|默认)$/;
const WHY = /^(?:为什么|为啥)\s*(?:标记)?\s*(?:第\s*)?[#＃]?\s*(\d+|[０-９]+)\s*(?:号|号标记|条标记)?$/;

/** Removes "@减负助手" or "＠减负助手" (and stray @-mentions DingTalk leaves in the text) and trims. */
export function stripMention(text: string, botName: string): string {
  return text
    .replace(mentionOf(botName, "[\\s\\u2005\\u00a0]*"), "")
    .replace(/^[\s\u2005\u00a0]+|[\s\u2005\u00a0]+$/g, "");
}

/** Maps 负面 / 履职 / 协助 / 证明 (and fuller forms) to a list kind. */
export function listKindOf(word: string): ListKind | null {
  const w = word.trim();
  for (const [re, kind] of LIST_WORDS) if (re.test(w)) return kind;
  return null;
}

/**
 * Parses a message addressed to the bot (mention already stripped or not). Anything that is
 * not a command is a question.
 */
export function parseCommand(raw: string, botName: string): Command {
  const text = stripMention(raw, botName);
  const compact = text.replace(/[\s\u2005]+/g, " ").trim();
  const bare = compact.replace(/[。！!？?]+$/, "");

  if (/^(帮助|help|\/help|菜单|怎么用|使用说明)$/i.test(bare) || bare === "") return { kind: "help" };

  let m = /^(?:搜索?|search)(?:[\s:：]+(.*)|([^\s:：].*)?)$/is.exec(compact);
  if (m) return { kind: "search", query: (m[1] ?? m[2] ?? "").trim() };

  m = /^清单[\s:：]*(.*)$/.exec(bare);
  if (m && (!m[1] || listKindOf(m[1]))) return { kind: "list", list: m[1] ? listKindOf(m[1]) : null };
  m = WHOLE_LIST.exec(bare.replace(/\s+/g, ""));
  if (m) return { kind: "list", list: listKindOf(m[1]!) };

  if (ITEM_ID.test(bare)) return { kind: "item", id: bare };
  if (DOC_ID.test(bare)) return { kind: "doc", id: bare };
  m = NUMBERED.exec(bare.replace(/\s+/g, ""));
  if (m) return { kind: "item-number", number: parseNumber(m[2] ?? m[3]!), list: m[1] ? listKindOf(m[1]) : null };

  m = LOOKUP.exec(compact);
  if (m && !ASKING.test(m[1]!)) return { kind: "search", query: m[1]!.trim() };

  const region = parseRegion(bare);
  if (region) return region;

  m = /^核查[\s:：]*([\s\S]*)$/.exec(text);
  if (m) return parseCheck(m[1]!);

  if (/^(汇总|督导汇总|今日汇总|digest)$/i.test(bare)) return { kind: "digest" };

  m = /^(确认|误报)\s*[#＃]?\s*(\d+)\s*(?:[:：,，]\s*)?([\s\S]*)$/.exec(compact);
  if (m) {
    const note = m[3]!.trim();
    return {
      kind: "review",
      status: m[1] === "确认" ? "confirmed" : "dismissed",
      flagId: Number(m[2]),
      ...(note ? { note } : {}),
    };
  }

  m = WHY.exec(bare);
  if (m) return { kind: "why", flagId: parseNumber(m[1]!) };

  m = /^(反馈|纠错|答错了|答得不对|不对|有用|没用)(?:[\s:：,，]+([\s\S]*))?$/.exec(compact);
  if (m) return { kind: "feedback", text: [m[1], m[2]?.trim()].filter(Boolean).join("：") };

  return { kind: "ask", question: text };
}

/** `地区`, `地区 云南省昆明市西山区`, `地区：西山区`, `地区清除`; a question beginning with 地区 is no command. */
function parseRegion(bare: string): Command | undefined {
  const m = REGION.exec(bare);
  if (!m) return undefined;
  const given = m[1] ?? m[2];
  if (given === undefined) return { kind: "region" };
  const place = given.replace(/[\s\u2005]+/g, "");
  if (!place) return { kind: "region" };
  if (CLEAR.test(place)) return { kind: "region", clear: true };
  if (/^(哪里|哪儿|什么|多少)$/.test(place)) return { kind: "region" };
  // Only a place name reads as a setting (地区差异 is a question); a short unknown name is refused by the handler.
  const named = PLACE_END.test(place) || (m[1] !== undefined && place.length <= 8);
  if (!named || !/^[\u4e00-\u9fa5]{1,30}$/.test(place) || ASKING.test(place)) return undefined;
  return { kind: "region", place };
}

const FIELD = /(来源|来自|群名|群聊|发送人|发件人|发布人|发送者|发信人)\s*[:：]\s*([^\s/|｜,，;；()（）【】[\]]+)[\s/|｜,，;；]*/g;
const SOURCE_KEYS = new Set(["来源", "来自", "群名", "群聊"]);
/** The forwarder agrees to be named in the digest. */
const CONSENT = /[(（【[]?\s*(?:同意署名|可以署名|可署名)\s*[)）】\]]?/;

/**
 * `核查` + a pasted notice. Fields like `来源：XX群` and `发送人：王某` (on their own lines or
 * inline, separated by spaces, / or ，) name the original group and sender; they are not part
 * of the text. Values end at the first space or separator. `同意署名` lets the digest name the
 * forwarder; without it they stay anonymous.
 */
export function parseCheck(body: string): Command {
  let group: string | undefined;
  let sender: string | undefined;
  const consent = CONSENT.test(body);
  const kept: string[] = [];
  for (const line of body.replace(CONSENT, " ").split(/\r?\n/)) {
    const rest = line.replace(FIELD, (_m, key: string, value: string) => {
      if (SOURCE_KEYS.has(key)) group ??= value;
      else sender ??= value;
      return "";
    }).replace(/[(（【[]\s*[)）】\]]/g, "");
    if (rest.trim()) kept.push(rest === line ? line : rest.trim());
  }
  const text = kept.join("\n").trim();
  return { kind: "check", text, ...(group ? { group } : {}), ...(sender ? { sender } : {}), ...(consent ? { consent } : {}) };
}
