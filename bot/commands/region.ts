import { listLabel } from "../../src/knowledge/labels.js";
import { UserError } from "../../src/errors.js";
import { chatKey, chatRegion, type ChatRegion } from "../group-region.js";
import type { BotContext } from "./context.js";
import { isSupervisor } from "./supervisors.js";

/** Asked to the bot in a group, the setting is the group's; in a private chat, that chat's. */
function chatName(ctx: BotContext): string {
  return ctx.message.groupId ? "本群" : "本聊天";
}

function sourceOf(ctx: BotContext, r: ChatRegion): string {
  if (r.source === "chat") return `${chatName(ctx)}设置${r.setAt ? `，${r.setAt.toISOString().slice(0, 10)}` : ""}`;
  return r.source === "config" ? "配置 GROUP_REGIONS" : "默认 REGION";
}

/** The region's label and the lists binding it, one line each. */
function bindingLines(ctx: BotContext, region: string): string[] {
  const scope = ctx.deps.engine.scope(region);
  return [`适用的清单（${scope.label}）：`, ...scope.lists.map((l) => `· ${listLabel(l)}：${l.name}（${l.items.length} 项）`)];
}

/**
 * `地区`: the chat's region, where it comes from and the lists binding it. `地区 云南省昆明市西山区`
 * (supervisors): stored for this chat; from then on its answers, screening and lookups use it.
 * `地区 清除`: back to GROUP_REGIONS or REGION.
 */
export async function handleRegion(ctx: BotContext, cmd: { place?: string; clear?: boolean }): Promise<void> {
  const { engine, store, config } = ctx.deps;
  const { message } = ctx;
  const here = chatName(ctx);
  if (cmd.place === undefined && !cmd.clear) {
    const current = chatRegion(ctx.deps, message);
    const lines = [`${here}地区：${current.region}（来自${sourceOf(ctx, current)}）`, ...bindingLines(ctx, current.region)];
    await ctx.replyText(lines.join("\n"));
    return;
  }
  if (!isSupervisor(config, message)) {
    await ctx.replyText(`抱歉，设置地区仅供督导使用。发送“地区”可以查看${here}当前的地区和适用的清单。`);
    return;
  }
  const key = { channel: message.channel, chat: chatKey(message) };
  if (cmd.clear) {
    store.clearChatRegion(key.channel, key.chat);
    const now = chatRegion(ctx.deps, message);
    await ctx.replyText([`已清除${here}的地区设置，现在按${sourceOf(ctx, now)}：${now.region}。`, ...bindingLines(ctx, now.region)].join("\n"));
    return;
  }
  const place = cmd.place!;
  const path = place === "全国" ? [] : engine.kb.places.parse(place);
  if (path.length === 0 && place !== "全国") {
    throw new UserError(`不认得“${place}”这个地名。请按 省/市/区 的形式写，例如：地区 云南省昆明市西山区`);
  }
  const region = path.join("") || "全国";
  store.setChatRegion({ ...key, region, setBy: `${message.channel}:${message.senderId}` });
  ctx.deps.logger.info({ ...key, region, by: message.senderId }, "设置了地区");
  const lines = [`已将${here}地区设为：${region}。此后${here}的问答、筛查和清单查询都按这里适用的清单。`, ...bindingLines(ctx, region)];
  await ctx.replyText(lines.join("\n"));
}
