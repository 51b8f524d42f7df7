import { handleAsk, handleFeedback } from "./ask.js";
import { handleCheck } from "./check.js";
import { handleDoc } from "./documents.js";
import type { BotContext } from "./context.js";
import { handleHelp } from "./help.js";
import { handleItemId, handleItemNumber, handleList, handleSearch } from "./knowledge.js";
import { SUPERVISOR_COMMANDS, type Command } from "./parse.js";
import { handleRegion } from "./region.js";
import { handleDigest, handleReview } from "./supervisor.js";
import { isSupervisor } from "./supervisors.js";
import { handleWhy } from "./why.js";

export { parseCommand, type Command } from "./parse.js";

const REFUSAL = "抱歉，这个指令仅供督导使用。如需查看或处理标记，请联系您的督导。";

/** Runs one parsed command; supervisor commands are refused politely for everyone else. */
export async function runCommand(ctx: BotContext, cmd: Command): Promise<void> {
  const supervisor = isSupervisor(ctx.deps.config, ctx.message);
  if (SUPERVISOR_COMMANDS.has(cmd.kind) && !supervisor) {
    await ctx.replyText(REFUSAL);
    return;
  }
  switch (cmd.kind) {
    case "help":
      return handleHelp(ctx, supervisor);
    case "search":
      return handleSearch(ctx, cmd.query);
    case "list":
      return handleList(ctx, cmd.list);
    case "item":
      return handleItemId(ctx, cmd.id);
    case "item-number":
      return handleItemNumber(ctx, cmd.number, cmd.list);
    case "doc":
      return handleDoc(ctx, cmd.id);
    case "region":
      return handleRegion(ctx, cmd);
    case "check":
      return handleCheck(ctx, cmd);
    case "digest":
      return handleDigest(ctx);
    case "review":
      return handleReview(ctx, cmd);
    case "why":
      return handleWhy(ctx, cmd.flagId);
    case "feedback":
      return handleFeedback(ctx, cmd.text);
    case "ask":
      return handleAsk(ctx, cmd.question);
  }
}
