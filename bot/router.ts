import { UserError, userMessageFor } from "../src/errors.js";
import { isStorageFault } from "../src/store/store-error.js";
import type { Channel, MessageHandler } from "./channels/channel.js";
import { outcomeUnknown } from "./channels/send-error.js";
import { sleep } from "./clock.js";
import { runCommand } from "./commands/index.js";
import type { BotContext, BotDeps, Step } from "./commands/context.js";
import { noticeStep } from "./commands/screen-group.js";
import { takeIn } from "./intake.js";
import { ReplySkipped } from "./job-context.js";
import { LimiterClosed } from "./rate-limit.js";
import { ReplyQueue } from "./reply-queue.js";

export { chatRegion, groupRegion } from "./group-region.js";

/** Runs steps in order; each decides whether to call next() (hono's compose, trimmed). */
export function compose(steps: Step[]): (ctx: BotContext) => Promise<void> {
  return (ctx) => {
    let last = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= last) throw new Error("next() called more than once");
      last = i;
      const step = steps[i];
      if (step) await step(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}

/** Errors that end a job without an apology: shutdown, a skipped chit-chat, a full disk, a send that may have gone out. */
function beyondApology(err: unknown): boolean {
  return err instanceof LimiterClosed || err instanceof ReplySkipped || isStorageFault(err) || outcomeUnknown(err);
}

/**
 * Catches whatever a later step throws: logs it and, if the message was for the bot and nothing
 * was (or may have been) said to the user yet, tells them (a UserError's own message, else the
 * apology). The bot goes on with the next message.
 */
export const errorStep: Step = async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    if (beyondApology(err)) throw err;
    const { message } = ctx;
    const where = { channel: message.channel, messageId: message.messageId, groupId: message.groupId };
    // A UserError is an expected refusal (too long, unknown item …); anything else is a bug or an outage.
    if (err instanceof UserError) ctx.deps.logger.info({ ...where, reason: err.userMessage }, "已提示用户");
    else ctx.deps.logger.error({ err, ...where }, "处理消息失败");
    if (!ctx.addressed || ctx.replies > 0 || ctx.uncertain) return;
    try {
      await ctx.replyText(userMessageFor(err));
    } catch (sendErr) {
      if (beyondApology(sendErr)) throw sendErr;
      ctx.deps.logger.error({ err: sendErr, messageId: message.messageId }, "发送致歉消息失败");
    }
  }
};

/** Answers the command of an addressed message. */
export const commandStep: Step = async (ctx, next) => {
  if (ctx.command) await runCommand(ctx, ctx.command);
  await next();
};

/** The pipeline of an owed reply: errors → flag notices → command. */
export const defaultSteps: Step[] = [errorStep, noticeStep, commandStep];

/** The bot's message handling: intake per channel, then the durable reply queue. */
export interface Router {
  handlerFor(channel: Channel): MessageHandler;
  readonly queue: ReplyQueue;
  /** Messages waiting for the store to take them (full disk, read-only file). */
  readonly held: number;
}

/** Messages held in memory while the store cannot write; beyond this the platform must redeliver. */
const MAX_HELD = 5_000;

/** Builds the router; tests may pass their own steps (e.g. one that throws). */
export function createRouter(deps: BotDeps, steps: Step[] = defaultSteps): Router {
  const channels = new Map<string, Channel>();
  const queue = new ReplyQueue({ deps, channels, run: compose(steps) });
  let held = 0;

  /** Takes a message in, holding and retrying it while the store cannot write. */
  const takeInDurably: MessageHandler = async (mc) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const taken = await takeIn(deps, mc);
        if (attempt && held === 0) deps.logger.info({ attempts: attempt + 1 }, "存储恢复，暂存的消息已全部记录");
        return { answered: taken.jobId === undefined ? Promise.resolve() : queue.enqueue(taken.jobId, taken.lane) };
      } catch (err) {
        if (!isStorageFault(err)) {
          // Retrying cannot mend a bug: log it and let the platform consider the message handled.
          deps.logger.error({ err, messageId: mc.message.messageId }, "处理消息失败");
          return { answered: Promise.resolve() };
        }
        if (queue.stopping || held >= MAX_HELD) throw err;
        // Logged once as the store fails (not once per message at 500 a second), and once as it recovers.
        if (held === 0 && attempt === 0) deps.logger.error({ err, messageId: mc.message.messageId }, "数据库无法写入，消息暂存内存并重试");
        held += 1;
        await sleep(deps.clock, Math.min(30_000, 500 * 2 ** attempt)).finally(() => (held -= 1));
      }
    }
  };

  return {
    queue,
    get held() {
      return held;
    },
    handlerFor(channel) {
      channels.set(channel.name, channel);
      return takeInDurably;
    },
  };
}
