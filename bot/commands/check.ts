import { UserError } from "../../src/errors.js";
import { formatCheckResult } from "../reply-format.js";
import type { BotContext } from "./context.js";

/**
 * `核查 <pasted notice>`: screens a forwarded notice and, when flagged, stores it with the
 * original group and sender as given (else unknown) and the forwarder as reporter, who is kept
 * out of digests unless they wrote 同意署名.
 */
export async function handleCheck(
  ctx: BotContext,
  cmd: { text: string; group?: string; sender?: string; consent?: boolean },
): Promise<void> {
  const { engine, store, config, logger, notifyFlag } = ctx.deps;
  const { message } = ctx;
  if (!cmd.text) throw new UserError("请在“核查”后面粘贴要核查的通知原文，可附“来源：XX群 / 发送人：王某”。");
  if (cmd.text.length > config.MAX_TEXT_LENGTH) {
    throw new UserError(`这段通知太长了（${cmd.text.length} 字），请只粘贴布置工作的部分（不超过 ${config.MAX_TEXT_LENGTH} 字）。`);
  }
  const result = await engine.screen(cmd.text, { sender: cmd.sender, group: cmd.group });
  if (!result.flagged || !result.category) {
    await ctx.replyText(formatCheckResult(engine.kb, result));
    return;
  }
  const flag = store.addFlag({
    time: message.time,
    channel: message.channel,
    groupId: null,
    groupName: cmd.group ?? null,
    senderId: null,
    senderName: cmd.sender ?? null,
    text: cmd.text,
    category: result.category,
    citations: result.citations,
    confidence: result.confidence,
    reason: result.reason,
    reporterId: message.senderId,
    reporterName: message.senderName,
    reporterConsent: cmd.consent ?? false,
    llmOpinion: result.llm ?? null,
    messageId: message.messageId,
  });
  logger.info({ flagId: flag.id, channel: message.channel }, "已记录一条转发核查的标记");
  await ctx.replyText(formatCheckResult(engine.kb, result, flag));
  if (notifyFlag) {
    try {
      await notifyFlag(ctx.channel, flag);
    } catch (err) {
      logger.warn({ err, flagId: flag.id }, "通知督导失败");
    }
  }
}
