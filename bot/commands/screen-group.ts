import type { Step } from "./context.js";
import { formatReminder } from "../reply-format.js";

/**
 * A group push was flagged when it was taken in (the flag is already stored): the optional
 * polite reminder in the group, and the supervisor notice. A failed notice is logged, never
 * retried into a duplicate.
 */
export const noticeStep: Step = async (ctx, next) => {
  const { message, deps } = ctx;
  const flag = ctx.addressed ? undefined : deps.store.flagForMessage(message.channel, message.messageId);
  if (flag) {
    if (deps.notifyFlag) {
      try {
        await deps.notifyFlag(ctx.channel, flag);
      } catch (err) {
        deps.logger.warn({ err, messageId: message.messageId }, "通知督导失败");
      }
    }
    if (deps.config.REMIND_IN_GROUP) await ctx.replyText(formatReminder(deps.engine.kb, { ...flag, flagged: true }));
  }
  await next();
};
