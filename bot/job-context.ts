import type { Engine } from "../src/engine.js";
import type { ReplyJob } from "../src/store/inbox-store.js";
import type { OutgoingMessage } from "../src/types.js";
import type { Channel } from "./channels/channel.js";
import { outcomeUnknown } from "./channels/send-error.js";
import type { BotContext, BotDeps } from "./commands/context.js";
import { judgingRegion } from "./group-region.js";
import { laneOf, type JobPayload } from "./intake.js";
import { fitToChannel, toOutgoing } from "./reply-format.js";

/** Chit-chat was not answered: the chat's reply budget had no room to spare. */
export class ReplySkipped extends Error {
  constructor() {
    super("chit-chat reply skipped to keep the reply budget");
  }
}

/**
 * The pipeline's context for one owed reply. reply() sends part by part, each recorded in the
 * store: a part sent before a restart is not sent again, and a part in flight when the process
 * died, or whose send timed out, is `unknown` and never resent. Replies are rate-limited per
 * chat; chit-chat only takes a slot when half the chat's budget is still free.
 */
export function jobContext(deps: BotDeps, channel: Channel, job: ReplyJob): BotContext {
  const payload = job.payload as JobPayload;
  const message = { ...payload.message, time: new Date(payload.message.time) };
  const { store, limiter } = deps;
  const lane = laneOf(message);
  const spare = Math.ceil(limiter.perMinute / 2);
  let index = 0;

  const takeSlot = async (ctx: BotContext): Promise<void> => {
    if (!channel.rateLimited) return;
    if (!ctx.lowPriority) return limiter.acquire(lane);
    if (!limiter.tryAcquire(lane, spare)) throw new ReplySkipped();
  };

  const ctx: BotContext = {
    message,
    channel,
    deps: { ...deps, engine: noticingChitChat(deps.engine, () => (ctx.lowPriority = true)) },
    addressed: message.mentionsBot || !message.groupId,
    conversation: { channel: message.channel, groupId: message.groupId, senderId: message.senderId },
    region: judgingRegion(deps, message),
    command: payload.command,
    check: payload.check && {
      result: payload.check.result,
      flag: store.flagForMessage(message.channel, message.messageId),
    },
    replies: 0,
    uncertain: false,
    lowPriority: job.priority > 0,
    async reply(out: OutgoingMessage) {
      for (const part of fitToChannel(out, channel)) {
        const i = index++;
        if (i < job.partsSent) continue;
        await takeSlot(ctx);
        store.jobSending(job.id);
        try {
          await channel.reply(payload.route, part);
        } catch (err) {
          if (outcomeUnknown(err)) ctx.uncertain = true;
          throw err;
        }
        store.jobPartSent(job.id, i + 1);
        ctx.replies += 1;
      }
    },
    replyText(text: string) {
      return ctx.reply(toOutgoing(text));
    },
  };
  return ctx;
}

/** The engine as a job sees it: an answer found out of scope makes the reply chit-chat. */
function noticingChitChat(engine: Engine, onChitChat: () => void): Engine {
  return Object.create(engine, {
    ask: {
      value: async (...args: Parameters<Engine["ask"]>) => {
        const result = await engine.ask(...args);
        if (result.verdict === "out_of_scope") onChitChat();
        return result;
      },
    },
  }) as Engine;
}
