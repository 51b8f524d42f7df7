import { digestFromStore, digestMessage } from "../../src/digest/index.js";
import { UserError } from "../../src/errors.js";
import { pendingQuery } from "../../src/store/flag-query.js";
import { fitToChannel } from "../reply-format.js";
import type { BotContext } from "./context.js";
import { supervisorScope } from "./supervisors.js";

/** Flags listed in a chat digest; the rest are counted. */
export const CHAT_DIGEST_ENTRIES = 30;

/** Item id → its text, for the digest's short quotes. */
export function describeItem(ctx: Pick<BotContext, "deps">): (id: string) => string | undefined {
  return (id) => ctx.deps.engine.kb.item(id)?.text;
}

/**
 * `汇总`: the flags this supervisor has not yet had in a digest, for their channels. Asked in a
 * group, it goes to the supervisor privately (it names senders). Not marked as sent: that is
 * the schedule's job.
 */
export async function handleDigest(ctx: BotContext): Promise<void> {
  const { store, clock, config, logger } = ctx.deps;
  const { message } = ctx;
  const query = pendingQuery({ recipient: `${message.channel}:user:${message.senderId}`, channels: supervisorScope(config, message) });
  const digest = digestFromStore(store, {
    query,
    maxEntries: CHAT_DIGEST_ENTRIES,
    now: clock.now(),
    timeZone: config.DIGEST_TIMEZONE,
    describe: describeItem(ctx),
  });
  if (digest.total === 0) {
    await ctx.replyText("目前没有待处理的标记。");
    return;
  }
  const out = digestMessage(digest);
  if (!message.groupId) {
    await ctx.reply(out);
    return;
  }
  try {
    for (const part of fitToChannel(out, ctx.channel)) await ctx.channel.send({ kind: "user", id: message.senderId }, part);
  } catch (err) {
    logger.warn({ err, senderId: message.senderId }, "私信发送汇总失败");
    await ctx.replyText("汇总含有发送人信息，不便在群里展示，私信发送又没有成功。请私聊我发送“汇总”。");
    return;
  }
  await ctx.replyText(`共 ${digest.total} 条待处理的标记，汇总已私信发给您。`);
}

/** `确认 12` / `误报 12 原因`. */
export async function handleReview(
  ctx: BotContext,
  cmd: { status: "confirmed" | "dismissed"; flagId: number; note?: string },
): Promise<void> {
  const { store, logger } = ctx.deps;
  const { message } = ctx;
  const existing = store.getFlag(cmd.flagId);
  const scope = supervisorScope(ctx.deps.config, message);
  if (!existing || (scope && !scope.includes(existing.channel))) {
    throw new UserError(`没有找到第 ${cmd.flagId} 号标记，请核对编号（发送“汇总”查看）。`);
  }
  const by = `${message.channel}:${message.senderId}`;
  store.setFlagStatus(cmd.flagId, cmd.status, by, cmd.note);
  logger.info({ flagId: cmd.flagId, status: cmd.status, by }, "督导处理了标记");
  await ctx.replyText(
    cmd.status === "confirmed"
      ? `已确认第 ${cmd.flagId} 号标记，将列入上报。`
      : `已将第 ${cmd.flagId} 号标记记为误报${cmd.note ? `（原因：${cmd.note}）` : ""}，谢谢指正。`,
  );
}
