import { UserError, userMessageFor } from "../src/errors.js";
import type { IncomingMessage, OutgoingMessage } from "../src/types.js";
import type { Channel, MessageContext, MessageHandler } from "./channels/channel.js";
import { runCommand } from "./commands/index.js";
import type { BotContext, BotDeps, Step } from "./commands/context.js";
import { parseCommand } from "./commands/parse.js";
import { screenStep } from "./commands/screen-group.js";
import { fitToChannel, toOutgoing } from "./reply-format.js";

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

/**
 * Catches whatever a later step throws: logs it and, if the message was for the bot, tells the
 * user (a UserError's own message, else the apology). The bot goes on with the next message.
 */
export const errorStep: Step = async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    const { message } = ctx;
    const where = { channel: message.channel, messageId: message.messageId, groupId: message.groupId };
    // A UserError is an expected refusal (too long, unknown item …); anything else is a bug or an outage.
    if (err instanceof UserError) ctx.deps.logger.info({ ...where, reason: err.userMessage }, "已提示用户");
    else ctx.deps.logger.error({ err, ...where }, "处理消息失败");
    if (!ctx.addressed) return;
    try {
      await ctx.replyText(userMessageFor(err));
    } catch (sendErr) {
      ctx.deps.logger.error({ err: sendErr, messageId: message.messageId }, "发送致歉消息失败");
    }
  }
};

/** Parses messages addressed to the bot; others carry no command. */
export const parseStep: Step = async (ctx, next) => {
  if (ctx.addressed) ctx.command = parseCommand(ctx.message.text, ctx.deps.config.BOT_NAME);
  await next();
};

/** Answers the command of an addressed message. */
export const commandStep: Step = async (ctx, next) => {
  if (ctx.command) await runCommand(ctx, ctx.command);
  await next();
};

/** The default pipeline: errors → parse → screen → command. */
export const defaultSteps: Step[] = [errorStep, parseStep, screenStep, commandStep];

/** The region configured for the message's group (by id, else by name; per channel or for all). */
export function groupRegion(config: BotDeps["config"], message: IncomingMessage): string | undefined {
  if (!message.groupId) return undefined;
  const entry = config.GROUP_REGIONS.find(
    (g) => (g.channel === "*" || g.channel === message.channel) && (g.group === message.groupId || g.group === message.groupName),
  );
  return entry?.region;
}

/** Turns a channel's MessageContext into the pipeline's context. */
export function createContext(deps: BotDeps, channel: Channel, mc: MessageContext): BotContext {
  const { message } = mc;
  const key = message.groupId ? `${message.channel}:g:${message.groupId}` : `${message.channel}:u:${message.senderId}`;
  const ctx: BotContext = {
    message,
    channel,
    deps,
    addressed: message.mentionsBot || !message.groupId,
    conversation: { channel: message.channel, groupId: message.groupId, senderId: message.senderId },
    region: groupRegion(deps.config, message),
    replies: 0,
    async reply(out: OutgoingMessage) {
      for (const part of fitToChannel(out, channel)) {
        await deps.limiter.acquire(key);
        await mc.reply(part);
        ctx.replies += 1;
      }
    },
    replyText(text: string) {
      return ctx.reply(toOutgoing(text));
    },
  };
  return ctx;
}

/** The bot's message handling: one handler per channel, all sharing the same dependencies. */
export interface Router {
  handlerFor(channel: Channel): MessageHandler;
}

/** Builds the router; tests may pass their own steps (e.g. one that throws). */
export function createRouter(deps: BotDeps, steps: Step[] = defaultSteps): Router {
  const run = compose(steps);
  return {
    handlerFor(channel) {
      return async (mc) => {
        try {
          await run(createContext(deps, channel, mc));
        } catch (err) {
          // Only reached when a custom pipeline has no errorStep: never let one message crash the bot.
          deps.logger.error({ err, messageId: mc.message.messageId }, "处理消息失败");
        }
      };
    },
  };
}
