import { UserError } from "../../src/errors.js";
import { formatCheckResult } from "../reply-format.js";
import type { BotContext } from "./context.js";

/**
 * `核查 <pasted notice>`, or a notice pasted to the bot without the word: screened (its first
 * part, if long) and, when flagged, stored as the message was taken in, with the original group
 * and sender as given and the forwarder as reporter, kept out of digests unless they wrote 同意署名.
 * Here: the reply, and the supervisor notice.
 */
export async function handleCheck(ctx: BotContext, cmd: { text: string }): Promise<void> {
  const { engine, logger, notifyFlag } = ctx.deps;
  if (!cmd.text) throw new UserError("请在“核查”后面粘贴要核查的通知原文，可附“来源：XX群 / 发送人：王某”。");
  // Screening failed when the message was taken in (logged there): the apology follows.
  if (!ctx.check) throw new Error("核查的通知未能筛查");
  const { result, flag } = ctx.check;
  await ctx.replyText(formatCheckResult(engine.kb, result, flag));
  if (flag && notifyFlag) {
    try {
      await notifyFlag(ctx.channel, flag);
    } catch (err) {
      logger.warn({ err, flagId: flag.id }, "通知督导失败");
    }
  }
}
