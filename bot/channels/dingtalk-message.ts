import type { IncomingMessage, OutgoingMessage } from "../../src/types.js";
import { mentionOf } from "../mention.js";

/** The robot message DingTalk delivers on the `/v1.0/im/bot/messages/get` topic (the fields we use). */
export interface RobotMessage {
  msgId: string;
  msgtype: string;
  /** "1" private chat, "2" group. */
  conversationType: "1" | "2";
  conversationId: string;
  conversationTitle?: string;
  senderId: string;
  senderStaffId?: string;
  senderNick?: string;
  isInAtList?: boolean;
  createAt?: number;
  senderCorpId?: string;
  chatbotCorpId?: string;
  sessionWebhook: string;
  sessionWebhookExpiredTime?: number;
  text?: { content?: string };
  content?: { recognition?: string; richText?: { text?: string }[] };
  robotCode?: string;
}

/** Parses a callback's `data`; returns a reason instead when it is not a robot message we can use. */
export function parseRobotMessage(data: unknown): RobotMessage | { error: string } {
  let value: unknown;
  try {
    value = typeof data === "string" ? JSON.parse(data) : data;
  } catch {
    return { error: "data is not JSON" };
  }
  if (!value || typeof value !== "object") return { error: "data is not an object" };
  const m = value as Partial<RobotMessage>;
  for (const key of ["msgId", "conversationId", "senderId", "sessionWebhook"] as const) {
    if (typeof m[key] !== "string" || !m[key]) return { error: `missing ${key}` };
  }
  if (m.conversationType !== "1" && m.conversationType !== "2") return { error: "unknown conversationType" };
  return m as RobotMessage;
}

/** The message's text: `text.content` (DingTalk puts a space before it), rich text's words, or speech recognised. */
export function robotText(m: RobotMessage): string | undefined {
  switch (m.msgtype) {
    case "text":
      return m.text?.content?.trim() || undefined;
    case "richText":
      return (
        m.content?.richText
          ?.map((part) => part.text ?? "")
          .join("")
          .trim() || undefined
      );
    case "audio":
      return m.content?.recognition?.trim() || undefined;
    default:
      return undefined;
  }
}

/** The id to @ and to send to privately: the staff id inside the organisation, else the sender id. */
export function senderIdOf(m: RobotMessage): string {
  return m.senderStaffId || m.senderId;
}

/** The message's own time when it is a plausible one (not before 2015, not ahead of the clock by a day), else now. */
export function messageTime(createAt: unknown, now = Date.now()): Date {
  const t = typeof createAt === "string" && createAt.trim() ? Number(createAt) : createAt;
  return typeof t === "number" && Number.isFinite(t) && t >= 1.42e12 && t <= now + 86_400_000 ? new Date(t) : new Date(now);
}

/** The sender's organisation, and whether it is the bot's own (unknown counts as not). */
function orgOf(m: RobotMessage): NonNullable<IncomingMessage["org"]> {
  return { id: m.senderCorpId ?? "", home: Boolean(m.senderCorpId) && m.senderCorpId === m.chatbotCorpId };
}

/** Robot message → IncomingMessage; undefined when it carries no text. */
export function toIncoming(m: RobotMessage, botName: string): IncomingMessage | undefined {
  const raw = robotText(m);
  if (!raw) return undefined;
  const group = m.conversationType === "2";
  // In groups DingTalk removes the @bot itself; a typed-out "@减负助手" or "＠减负助手" may remain.
  const text = raw.replace(mentionOf(botName, "[\\s\\u2005]*"), "").trim() || raw;
  return {
    channel: "dingtalk",
    messageId: m.msgId,
    groupId: group ? m.conversationId : undefined,
    groupName: group ? m.conversationTitle : undefined,
    senderId: senderIdOf(m),
    senderName: m.senderNick || senderIdOf(m),
    text,
    // A group message only reaches the bot when it is @-mentioned.
    mentionsBot: group ? m.isInAtList !== false : true,
    time: messageTime(m.createAt),
    org: orgOf(m),
  };
}

/** Body for a sessionWebhook POST: markdown when given, else text; the @ also written into the text. */
export function webhookBody(out: OutgoingMessage, atUserIds: string[]): Record<string, unknown> {
  const at = { atUserIds, isAtAll: false };
  if (out.markdown !== undefined) {
    return {
      msgtype: "markdown",
      markdown: { title: titleOf(out), text: withMentions(out.markdown, atUserIds) },
      at,
    };
  }
  return { msgtype: "text", text: { content: withMentions(out.text, atUserIds) }, at };
}

/** The `msgKey`/`msgParam` pair of the robot OpenAPI for one message. */
export function openApiMessage(out: OutgoingMessage): { msgKey: string; msgParam: string } {
  if (out.markdown !== undefined) {
    return { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: titleOf(out), text: out.markdown }) };
  }
  return { msgKey: "sampleText", msgParam: JSON.stringify({ content: out.text }) };
}

/** DingTalk shows the title in notifications and the chat list. */
export function titleOf(out: OutgoingMessage): string {
  if (out.title) return out.title;
  const firstLine = (out.text.split("\n").find((l) => l.trim()) ?? "").replace(/[#*>`]/g, "").trim();
  return firstLine.length > 20 ? `${firstLine.slice(0, 20)}…` : firstLine || "减负助手";
}

/** DingTalk only notifies an @ that also appears as `@id` in the text. */
function withMentions(text: string, ids: string[]): string {
  const missing = ids.filter((id) => !text.includes(`@${id}`));
  return missing.length ? `${missing.map((id) => `@${id}`).join(" ")} ${text}` : text;
}
