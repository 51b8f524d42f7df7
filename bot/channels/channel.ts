import type { IncomingMessage, OutgoingMessage } from "../../src/types.js";

/** Where a proactive message goes. */
export interface SendTarget {
  kind: "group" | "user";
  id: string;
}

/**
 * Where a reply to one message goes, as its channel needs it (a DingTalk session webhook, a WeChat
 * room …): plain JSON, so a reply owed can be sent after a restart.
 */
export type ReplyRoute = Record<string, string | number | boolean | null>;

/** Passed to the router for every incoming message. */
export interface MessageContext {
  message: IncomingMessage;
  route: ReplyRoute;
  /** Replies in the chat, at the sender (the channel's reply() on this route). */
  reply(out: OutgoingMessage): Promise<void>;
}

/** A message taken in; `answered` settles when what the bot owes it has been sent (or given up). */
export interface Intake {
  answered: Promise<void>;
}

/**
 * Resolves once the message is durably recorded (its flag and owed reply stored), so the platform
 * may be acked; rejects when it could not be, and the platform should then deliver it again.
 */
export type MessageHandler = (ctx: MessageContext) => Promise<Intake>;

/** One chat platform. Adapters only convert platform events to IncomingMessage and send replies. */
export interface Channel {
  readonly name: string;
  /** Longest text the platform accepts in one message (characters). */
  readonly maxLength: number;
  /** Whether OutgoingMessage.markdown is rendered. */
  readonly markdown: boolean;
  /** Replies per chat are rate-limited (platforms restrict bots that post in bursts); not in a terminal. */
  readonly rateLimited: boolean;
  /** Whether the platform connection is up now. */
  readonly connected: boolean;
  start(handler: MessageHandler): Promise<void>;
  /** A reply to a message. Throws SendError; `outcome: "unknown"` means it may have gone out. */
  reply(route: ReplyRoute, out: OutgoingMessage): Promise<void>;
  /** Proactive message (digests). Throws SendError when the platform did not (or may not have) accepted it. */
  send(target: SendTarget, out: OutgoingMessage): Promise<void>;
  stop(): Promise<void>;
}
