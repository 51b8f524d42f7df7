import type { RuleFiring } from "./policy/rules.js";

/** Domain types shared by the core, the bot and the tests. */

/**
 * What a list holds: duties, assisted work, tasks communities must not be given, certificates
 * committees must not issue, certificates they may issue, and tasks cancelled in principle.
 */
export type ListKind = "duty" | "assist" | "negative" | "no-certificate" | "certificate" | "cancelled";

/** The verdict an item of a list gives when a task matches it. */
export type ItemVerdict = "duty" | "assist" | "negative";

export type Verdict = "duty" | "assist" | "negative" | "unlisted" | "info" | "out_of_scope";

/** One item of a structured list, e.g. gansu/negative/7. */
export interface ListItem {
  id: string;
  set: string;
  list: ListKind;
  /** The list's full official name. */
  listName: string;
  /** Short name for replies: 负面清单, 履职清单 … */
  listShort: string;
  number: number;
  text: string;
  /** 工作依据 (duty and assist lists). */
  basis?: string;
  /** 工作类型 (negative list). */
  type?: string;
  /** 列入负面清单原因 (negative list). */
  reason?: string;
  /** Slug of the source document. */
  source: string;
  /** What the verdict is when this item matches. */
  verdict: ItemVerdict;
  /** The concepts (knowledge/lexicon/concepts.yaml) this item covers. */
  covers: string[];
  /** The place whose list this is: 全国, 甘肃省, 河北省张家口市 … */
  region: string;
}

/** What a task is, whichever list names it: its everyday words, defined once. */
export interface Concept {
  id: string;
  /** One Chinese line saying what the concept is. */
  label: string;
  /** The wider concept this one is part of (拆除违章建筑 → 拆迁拆违), as lists written by category name it. */
  broader?: string;
  /** Who by law usually handles it (guidance, not list text): 公安机关, 税务机关 … */
  handledBy?: string;
  words: string[];
}

export interface ListDef {
  id: string; // gansu/negative
  set: string;
  list: ListKind;
  name: string;
  short: string;
  /** How people refer to the list in questions (负面清单, 不应由社区…). */
  aliases: string[];
  verdict: ItemVerdict;
  source: string;
  notes: string[];
  /** The place whose list this is: 全国, 甘肃省, 河北省张家口市 … */
  region: string;
  /** For a closed list of certificates a committee may issue: the source's words that close it. */
  closure?: string;
  items: ListItem[];
}

/** A paragraph of a source document, cited as doc/<slug>#p<N>. */
export interface Passage {
  id: string;
  slug: string;
  anchor: string;
  text: string;
}

export interface SourceDoc {
  slug: string;
  title: string;
  issuer: string;
  date: string;
  number: string;
  /** Words people use to mean this document (region, issuer, short name). */
  aliases: string[];
  /** The place the document speaks for: 全国, 甘肃省, 云南省昆明市 … */
  region: string;
  text: string;
  passages: Passage[];
}

/** A citation target: a list item or a passage. */
export type KnowledgeEntry = { kind: "item"; item: ListItem } | { kind: "passage"; passage: Passage; doc: SourceDoc };

export interface AskResult {
  verdict: Verdict;
  /** Knowledge ids, most relevant first. */
  citations: string[];
  /** The reply text, Chinese. */
  answer: string;
  /** Confidence in the verdict, 0..1. */
  confidence: number;
  /** Which composer wrote the answer. */
  composer: "offline" | "llm";
  /** The rules that made the decision, in order. */
  trace?: RuleFiring[];
}

export type FlagCategory = "negative" | "burden";

export interface ScreenResult {
  flagged: boolean;
  category: FlagCategory | null;
  citations: string[];
  confidence: number;
  reason: string;
  /** Second opinion from the LLM, when one was asked. */
  llm?: { flagged: boolean; category: FlagCategory | null; reason: string } | null;
  /** The rules that made the decision, in order (the message's, then the deciding clause's). */
  trace?: RuleFiring[];
}

/** One normalised chat message, whatever platform it came from. */
export interface IncomingMessage {
  channel: string; // "console" | "dingtalk" | "wechat"
  messageId: string;
  /** Undefined for a private chat. */
  groupId?: string;
  groupName?: string;
  senderId: string;
  senderName: string;
  text: string;
  mentionsBot: boolean;
  time: Date;
  /** The sender's organisation where the platform has them (DingTalk corp id); `home` when it is the bot's own. */
  org?: { id: string; home: boolean };
}

export interface OutgoingMessage {
  text: string;
  /** Markdown version for platforms that render it (DingTalk). */
  markdown?: string;
  title?: string;
  /** Platform user ids to @. */
  atUserIds?: string[];
}
