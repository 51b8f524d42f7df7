import { UserError } from "../../src/errors.js";
import { whyLines } from "../../src/policy/explain.js";
import { describeRule } from "../../src/policy/rules.js";
import { CATEGORY_NAMES, excerpt } from "../reply-format.js";
import type { BotContext } from "./context.js";
import { supervisorScope } from "./supervisors.js";

/**
 * `为什么 12`: why flag 12 was raised, in the few lines a supervisor can repeat upward (the
 * text, the order, the task and item, what would have excluded it), and whether the knowledge
 * has changed since.
 */
export async function handleWhy(ctx: BotContext, flagId: number): Promise<void> {
  const { store, engine, config } = ctx.deps;
  const flag = store.getFlag(flagId);
  const scope = supervisorScope(config, ctx.message);
  if (!flag || (scope && !scope.includes(flag.channel))) throw new UserError(`没有第 ${flagId} 条标记，请核对编号（发送“汇总”查看）。`);
  const { message } = ctx;
  // A group sees only its own flags' text; another group's or a forwarded notice is told privately.
  if (message.groupId && (flag.channel !== message.channel || flag.groupId !== message.groupId)) {
    await ctx.replyText(`第 ${flagId} 号标记不是本群的消息，请私聊我发送“为什么 ${flagId}”查看。`);
    return;
  }
  const lines = [`第 ${flag.id} 号标记（${CATEGORY_NAMES[flag.category]}）为什么被标记：`];
  // A rule renamed or removed since the flag was raised has no description: whyLines would trip on it.
  const known = flag.trace.filter((f) => describeRule(f.rule) !== undefined);
  if (known.length) {
    lines.push(...whyLines(engine.kb, known, flag.text));
  } else {
    const missing = flag.trace.length ? "这条标记记下的规则在现在的版本里已经没有了，无法逐条解释。" : "这条标记是在记录判断规则之前标记的，没有逐条的规则记录。";
    lines.push(`原文：“${excerpt(flag.text, 60)}”`, `标记时记下的理由：${flag.reason}`, missing);
  }
  if (flag.kbVersion && flag.kbVersion !== engine.kb.hash) {
    lines.push(`注意：标记之后知识库已经更新（标记时版本 ${flag.kbVersion}，现在 ${engine.kb.hash}），现在重新判断结果可能不同。`);
  }
  await ctx.replyText(lines.join("\n"));
}
