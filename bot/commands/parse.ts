import type { ListKind } from "../../src/types.js";

/** What a message addressed to the bot asks for. */
export type Command =
  | { kind: "help" }
  | { kind: "search"; query: string }
  | { kind: "list"; list: ListKind | null }
  | { kind: "item"; id: string }
  | { kind: "item-number"; number: number; list: ListKind | null }
  | { kind: "check"; text: string; group?: string; sender?: string; consent?: boolean }
  | { kind: "digest" }
  | { kind: "review"; status: "confirmed" | "dismissed"; flagId: number; note?: string }
  | { kind: "feedback"; text: string }
  | { kind: "ask"; question: string };

/** Supervisor-only commands. */
export const SUPERVISOR_COMMANDS: ReadonlySet<Command["kind"]> = new Set(["digest", "review"]);

const LIST_WORDS: Array<[RegExp, ListKind]> = [
  [/^(负面|负面清单|不应|不应由社区承担)/, "negative"],
  [/^(履职|履职清单|职责|依法履行职责)/, "duty"],
  [/^(协助|协助清单|依法协助)/, "assist"],
  [/^(证明|证明清单|不应出具证明|出具证明)/, "no-certificate"],
];

const ITEM_ID = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*\/\d+$/;
const NUMBERED = /^(?:(负面|履职|协助|证明)(?:清单)?)?\s*第?\s*(\d{1,3})\s*[项条]$/;

/** Removes "@减负助手" (and stray @-mentions DingTalk leaves in the text) and trims. */
export function stripMention(text: string, botName: string): string {
  const escaped = botName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .replace(new RegExp(`@${escaped}[\\s\\u2005\\u00a0]*`, "g"), "")
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
  m = /^(负面|履职|协助|证明)清单$/.exec(bare);
  if (m) return { kind: "list", list: listKindOf(m[1]!) };

  if (ITEM_ID.test(bare)) return { kind: "item", id: bare };
  m = NUMBERED.exec(bare.replace(/\s+/g, ""));
  if (m) return { kind: "item-number", number: Number(m[2]), list: m[1] ? listKindOf(m[1]) : null };

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

  m = /^(反馈|纠错|答错了|答得不对|不对|有用|没用)(?:[\s:：,，]+([\s\S]*))?$/.exec(compact);
  if (m) return { kind: "feedback", text: [m[1], m[2]?.trim()].filter(Boolean).join("：") };

  return { kind: "ask", question: text };
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
