import type { IncomingMessage, OutgoingMessage } from "../../src/types.js";

/** Where a proactive message goes. */
export interface SendTarget {
  kind: "group" | "user";
  id: string;
}

/** Passed to the router for every incoming message; reply() already knows the group and whom to @. */
export interface MessageContext {
  message: IncomingMessage;
  reply(out: OutgoingMessage): Promise<void>;
}

export type MessageHandler = (ctx: MessageContext) => Promise<void>;

/** One chat platform. Adapters only convert platform events to IncomingMessage and send replies. */
export interface Channel {
  readonly name: string;
  /** Longest text the platform accepts in one message (characters). */
  readonly maxLength: number;
  /** Whether OutgoingMessage.markdown is rendered. */
  readonly markdown: boolean;
  start(handler: MessageHandler): Promise<void>;
  /** Proactive message (digests). Throws PlatformError when the platform did not accept it. */
  send(target: SendTarget, out: OutgoingMessage): Promise<void>;
  stop(): Promise<void>;
}
