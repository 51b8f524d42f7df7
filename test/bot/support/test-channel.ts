import type { Channel, MessageHandler, SendTarget } from "../../../bot/channels/channel.js";
import { PlatformError } from "../../../src/errors.js";
import type { IncomingMessage, OutgoingMessage } from "../../../src/types.js";

/** What the in-memory channel recorded. */
export interface Sent {
  to: SendTarget | { kind: "reply"; messageId: string };
  out: OutgoingMessage;
}

/**
 * An in-memory Channel: the network edge of the unit tests. `deliver()` plays a user's message
 * and resolves when the bot is done with it; replies and sends are recorded.
 */
export class TestChannel implements Channel {
  readonly sent: Sent[] = [];
  started = false;
  /** Make send() throw this many times before it succeeds (Infinity: always). */
  failSends = 0;
  sendAttempts = 0;
  private handler: MessageHandler | undefined;
  private seq = 0;

  constructor(
    readonly name = "test",
    readonly maxLength = 2000,
    readonly markdown = false,
  ) {}

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
    this.started = true;
  }

  async send(target: SendTarget, out: OutgoingMessage): Promise<void> {
    this.sendAttempts += 1;
    if (this.failSends > 0) {
      this.failSends -= 1;
      throw new PlatformError("平台拒绝了消息（测试）", 500);
    }
    this.sent.push({ to: target, out });
  }

  async stop(): Promise<void> {
    this.started = false;
    this.handler = undefined;
  }

  /** A message as the platform would deliver it; group messages by default. */
  message(text: string, over: Partial<IncomingMessage> = {}): IncomingMessage {
    this.seq += 1;
    return {
      channel: this.name,
      messageId: `m${this.seq}`,
      groupId: "g1",
      groupName: "幸福社区工作群",
      senderId: "u1",
      senderName: "张三",
      text,
      mentionsBot: false,
      time: new Date("2025-03-03T08:00:00Z"),
      ...over,
    };
  }

  /** Delivers a message and resolves when the handler finished. */
  async deliver(message: IncomingMessage): Promise<void> {
    if (!this.handler) throw new Error("channel not started");
    await this.handler({
      message,
      reply: async (out) => {
        this.sent.push({ to: { kind: "reply", messageId: message.messageId }, out });
      },
    });
  }

  /** Texts of replies to one message. */
  repliesTo(messageId: string): string[] {
    return this.sent.filter((s) => s.to.kind === "reply" && "messageId" in s.to && s.to.messageId === messageId).map((s) => s.out.text);
  }
}
