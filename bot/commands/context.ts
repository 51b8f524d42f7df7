import type { Config } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import type { Logger } from "../../src/logger.js";
import type { Flag, Store } from "../../src/store/store.js";
import type { IncomingMessage, OutgoingMessage, ScreenResult } from "../../src/types.js";
import type { Channel } from "../channels/channel.js";
import type { Clock } from "../clock.js";
import type { ConversationKey, FollowupMemory } from "../followups.js";
import type { RateLimiter } from "../rate-limit.js";
import type { Command } from "./parse.js";

/** What every step and command handler may use; built once at the wiring point (bot/app.ts). */
export interface BotDeps {
  config: Config;
  logger: Logger;
  engine: Engine;
  store: Store;
  clock: Clock;
  followups: FollowupMemory;
  limiter: RateLimiter;
  /** Tells supervisors about a new flag at once (the console prints it); optional elsewhere. */
  notifyFlag?(channel: Channel, flag: Flag): Promise<void>;
  /** Which channels notifyFlag serves (default: all); a flag elsewhere owes no notice. */
  notifiesOn?(channel: string): boolean;
}

/** What screening found when the message was taken in (核查, or a notice pasted to the bot). */
export interface CheckOutcome {
  result: ScreenResult;
  /** The flag stored for it, when it was flagged. */
  flag?: Flag;
}

/** One message on its way through the pipeline (grammY-style context). */
export interface BotContext {
  readonly message: IncomingMessage;
  readonly channel: Channel;
  readonly deps: BotDeps;
  /** The bot was @-mentioned, or the chat is private: the message is for the bot. */
  readonly addressed: boolean;
  readonly conversation: ConversationKey;
  /** The chat's region when one is set (`地区`, else GROUP_REGIONS: bot/group-region.ts); else the engine's default or the question's own. */
  readonly region?: string;
  /** Set by the parse step for addressed messages. */
  command?: Command;
  /** Set when the message was taken in. */
  check?: CheckOutcome;
  /** How many replies went out, so the error step knows whether the user heard anything. */
  replies: number;
  /** A reply may have gone out unconfirmed (a timeout): no apology may follow it. */
  uncertain: boolean;
  /** Chit-chat: replied to only while the chat's reply budget has room to spare. */
  lowPriority: boolean;
  /** Replies in the chat, at the sender: split to the platform's length, rate-limited per chat. */
  reply(out: OutgoingMessage): Promise<void>;
  /** Shorthand for a plain-text reply (markdown derived from it). */
  replyText(text: string): Promise<void>;
}

/** A step of the pipeline; calls next() to hand on (hono/koa style). */
export type Step = (ctx: BotContext, next: () => Promise<void>) => Promise<void>;
