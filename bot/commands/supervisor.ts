import { UserError } from "../../src/errors.js";
import type { Flag } from "../../src/store/store.js";
import { fitToChannel, formatDigest } from "../reply-format.js";
import type { BotContext } from "./context.js";
import { supervisorScope } from "./supervisors.js";

const MAX_ON_DEMAND = 200;

/** Flags a supervisor still has to see: every `new` one, and confirmed ones not yet in a digest. */
export function pendingFlags(ctx: BotContext): Flag[] {
  const { store } = ctx.deps;
  const scope = supervisorScope(ctx.deps.config, ctx.message.channel, ctx.message.senderId);
  const byId = new Map<number, Flag>();
  for (const f of store.listFlags({ status: "new", limit: MAX_ON_DEMAND })) byId.set(f.id, f);
  for (const f of store.listFlags({ status: "confirmed", unsent: true, limit: MAX_ON_DEMAND })) byId.set(f.id, f);
  return [...byId.values()]
    .filter((f) => scope === "all" || scope.includes(f.channel))
    .sort((a, b) => a.id - b.id);
}

/**
 * `汇总`: the digest now, for the supervisor's channels. Asked in a group, it goes to the
 * supervisor privately (it names senders). Not marked as sent: that is the schedule's job.
 */
export async function handleDigest(ctx: BotContext): Promise<void> {
  const flags = pendingFlags(ctx);
  if (flags.length === 0) {
    await ctx.replyText("目前没有待处理的标记。");
    return;
  }
  const { engine, clock, config, logger } = ctx.deps;
  const digest = formatDigest(engine.kb, flags, clock.now(), config.DIGEST_TIMEZONE);
  if (!ctx.message.groupId) {
    await ctx.reply(digest);
    return;
  }
  try {
    for (const part of fitToChannel(digest, ctx.channel)) {
      await ctx.channel.send({ kind: "user", id: ctx.message.senderId }, part);
    }
  } catch (err) {
    logger.warn({ err, senderId: ctx.message.senderId }, "私信发送汇总失败");
    await ctx.replyText("汇总含有发送人信息，不便在群里展示，私信发送又没有成功。请私聊我发送“汇总”。");
    return;
  }
  await ctx.replyText(`共 ${flags.length} 条待处理的标记，汇总已私信发给您。`);
}

/** `确认 12` / `误报 12 原因`. */
export async function handleReview(
  ctx: BotContext,
  cmd: { status: "confirmed" | "dismissed"; flagId: number; note?: string },
): Promise<void> {
  const { store, logger } = ctx.deps;
  const { message } = ctx;
  const existing = store.getFlag(cmd.flagId);
  const scope = supervisorScope(ctx.deps.config, message.channel, message.senderId);
  if (!existing || (scope !== "all" && !scope.includes(existing.channel))) {
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
