import { flagInputFor } from "../../src/store/flag-input.js";
import { UserError } from "../../src/errors.js";
import type { Flag } from "../../src/store/store.js";
import type { BotContext, Step } from "./context.js";
import { formatReminder } from "../reply-format.js";

/**
 * Screens every group message (questions to the bot too, but not other commands): a flag is
 * stored before anything is sent; then the optional group reminder and supervisor notice.
 * A screening failure is logged and does not stop the message from being answered.
 */
export const screenStep: Step = async (ctx, next) => {
  const kind = ctx.command?.kind;
  if (ctx.message.groupId && (kind === undefined || kind === "ask")) {
    try {
      await screenAndFlag(ctx);
    } catch (err) {
      const log = ctx.deps.logger;
      if (err instanceof UserError) log.info({ messageId: ctx.message.messageId, reason: err.userMessage }, "消息未筛查");
      else log.error({ err, messageId: ctx.message.messageId }, "筛查消息失败");
    }
  }
  await next();
};

async function screenAndFlag(ctx: BotContext): Promise<Flag | undefined> {
  const { message, deps } = ctx;
  const result = await deps.engine.screen(message.text, { sender: message.senderName, group: message.groupName });
  if (!result.flagged || !result.category) return undefined;
  const flag = deps.store.addFlag(flagInputFor(message, { ...result, category: result.category }));
  deps.logger.info({ flagId: flag.id, channel: message.channel, groupId: message.groupId }, "已标记一条派单消息");
  if (deps.config.REMIND_IN_GROUP) {
    await sendSafely(ctx, "发送群内提醒失败", () => ctx.replyText(formatReminder(deps.engine.kb, result)));
  }
  if (deps.notifyFlag) {
    await sendSafely(ctx, "通知督导失败", () => deps.notifyFlag!(ctx.channel, flag));
  }
  return flag;
}

/** The flag is already stored: a failed notice is logged, never retried into a duplicate. */
async function sendSafely(ctx: BotContext, what: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    ctx.deps.logger.warn({ err, messageId: ctx.message.messageId }, what);
  }
}
