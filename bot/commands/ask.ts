import { formatAnswer } from "../reply-format.js";
import type { BotContext } from "./context.js";

/**
 * A question: answered by the engine with what the asker said just before as context (a
 * follow-up "那锅炉呢？" or "为什么？" is understood from it), in the group's region; logged; the
 * reply goes to the chat at the asker.
 */
export async function handleAsk(ctx: BotContext, question: string): Promise<void> {
  const { engine, store, followups, logger, clock } = ctx.deps;
  const { message, conversation } = ctx;
  const history = followups.history(conversation);
  const previous = history.at(-1);
  const result = await engine.ask(question, { history, region: ctx.region });
  followups.rememberQuestion(conversation, question);
  const firstItem = result.citations.map((id) => engine.kb.item(id)).find(Boolean);
  if (firstItem) followups.rememberList(conversation, `${firstItem.set}/${firstItem.list}`);
  try {
    const answerId = store.logAnswer({
      time: clock.now(),
      channel: message.channel,
      groupId: message.groupId ?? null,
      senderId: message.senderId,
      question: previous ? `（接着“${previous}”）${question}` : question,
      verdict: result.verdict,
      citations: result.citations,
      composer: result.composer,
    });
    followups.rememberAnswer(conversation, answerId);
  } catch (err) {
    logger.warn({ err, messageId: message.messageId }, "记录答复日志失败");
  }
  await ctx.reply(formatAnswer(result));
}

/** `反馈 …` / `答错了 …` / `有用`: stored on the asker's last answer for review. */
export async function handleFeedback(ctx: BotContext, text: string): Promise<void> {
  const { store, followups } = ctx.deps;
  if (/^(反馈|纠错)[\s:：]*$/.test(text)) {
    await ctx.replyText("请在“反馈”后面写上您的意见，例如：反馈 这件事其实是协助清单的。");
    return;
  }
  const answerId = followups.lastAnswer(ctx.conversation);
  if (answerId === undefined || !store.addAnswerFeedback(answerId, text, ctx.message.senderId)) {
    await ctx.replyText("没有找到您最近的提问。请在收到答复后几分钟内发送“反馈 …”，我会把意见记在那条答复上。");
    return;
  }
  await ctx.replyText("谢谢，您的反馈已记录，工作人员会复核这条答复。");
}
