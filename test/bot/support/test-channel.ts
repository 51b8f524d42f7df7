import type { Channel, Intake, MessageHandler, ReplyRoute, SendTarget } from "../../../bot/channels/channel.js";
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

  readonly rateLimited = true;
  connected = true;
  /** Make reply() throw this many times (Infinity: always). */
  failReplies = 0;
  /** What a failed reply throws; default a refusal. */
  replyError: () => Error = () => new PlatformError("平台拒绝了回复（测试）", 500);

  constructor(
    readonly name = "test",
    readonly maxLength = 2000,
    readonly markdown = false,
  ) {}

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
    this.started = true;
  }

  /** Recipients (ids) whose sends always fail. */
  readonly unreachable = new Set<string>();
  /** Called before each send; may throw to fail that one. */
  beforeSend: ((target: SendTarget, out: OutgoingMessage) => void) | undefined;

  async send(target: SendTarget, out: OutgoingMessage): Promise<void> {
    this.sendAttempts += 1;
    if (this.failSends > 0) {
      this.failSends -= 1;
      throw new PlatformError("平台拒绝了消息（测试）", 500);
    }
    if (this.unreachable.has(target.id)) throw new PlatformError(`无法送达 ${target.id}（测试）`, 500);
    this.beforeSend?.(target, out);
    this.sent.push({ to: target, out });
  }

  replyAttempts = 0;

  async reply(route: ReplyRoute, out: OutgoingMessage): Promise<void> {
    this.replyAttempts += 1;
    if (this.failReplies > 0) {
      this.failReplies -= 1;
      throw this.replyError();
    }
    this.sent.push({ to: { kind: "reply", messageId: String(route.messageId) }, out });
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

  /** Delivers a message and resolves when the bot is done with it (replies sent). */
  async deliver(message: IncomingMessage): Promise<void> {
    await (await this.take(message)).answered;
  }

  /** Delivers a message; resolves once it is taken in (when a platform would ack it). */
  take(message: IncomingMessage): Promise<Intake> {
    if (!this.handler) throw new Error("channel not started");
    const route = { messageId: message.messageId };
    return this.handler({ message, route, reply: (out) => this.reply(route, out) });
  }

  /** Texts of replies to one message. */
  repliesTo(messageId: string): string[] {
    return this.sent.filter((s) => s.to.kind === "reply" && "messageId" in s.to && s.to.messageId === messageId).map((s) => s.out.text);
  }
}
