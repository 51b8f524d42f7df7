import { UserError } from "../src/errors.js";
import type { ScreenOptions } from "../src/engine.js";
import { flagRecord, isFlagged, type FlagSource } from "../src/store/flag-record.js";
import type { IntakeOutcome } from "../src/store/inbox-store.js";
import type { FlagInput } from "../src/store/store.js";
import type { IncomingMessage, ScreenResult } from "../src/types.js";
import type { MessageContext, ReplyRoute } from "./channels/channel.js";
import { isChitChat } from "./chit-chat.js";
import type { BotDeps } from "./commands/context.js";
import { parseCommand, type Command } from "./commands/parse.js";
import { firstPart } from "./first-part.js";
import { judgingRegion } from "./group-region.js";

/** What an owed reply keeps, so it can be answered after a restart. */
export interface JobPayload {
  message: Omit<IncomingMessage, "time"> & { time: string };
  route: ReplyRoute;
  command?: Command;
  /** Screening of a notice forwarded to the bot (核查, or pasted without the word). */
  check?: { result: ScreenResult };
}

/** Replies of one chat go out in order, and share its rate limit. */
export function laneOf(message: Pick<IncomingMessage, "channel" | "groupId" | "senderId">): string {
  return message.groupId ? `${message.channel}:g:${message.groupId}` : `${message.channel}:u:${message.senderId}`;
}

/**
 * Takes one message in: drops a redelivery, parses what is addressed to the bot, screens what must
 * be screened, and records the message as handled together with its flag and the reply it is
 * owed, in one transaction. Only then may the platform be acked. Throws when the store cannot
 * write (nothing was recorded: the caller keeps the message and tries again).
 *
 * A group message not for the bot is screened as its sender's. One for the bot is never stored
 * as the asker's push: a notice pasted to the bot, with or without `核查`, is stored as an
 * anonymous forward.
 */
export async function takeIn(deps: BotDeps, mc: MessageContext): Promise<IntakeOutcome & { lane: string }> {
  const { message, route } = mc;
  const { store, config } = deps;
  const lane = laneOf(message);
  if (store.seen(message.channel, message.messageId)) return { duplicate: true, lane };
  const region = judgingRegion(deps, message);
  const addressed = message.mentionsBot || !message.groupId;
  let command = addressed ? parseCommand(message.text, config.BOT_NAME) : undefined;
  let flag: FlagInput | undefined;
  let check: JobPayload["check"];

  if (command?.kind === "check" && command.text) {
    const text = firstPart(command.text, config.MAX_TEXT_LENGTH);
    const result = await screenSafely(deps, message, text, { sender: command.sender, group: command.group, region });
    check = result && { result };
    const forward = { group: command.group, sender: command.sender, consent: command.consent };
    if (result) flag = flagged(deps, { message, text, forward }, result);
  } else if (command?.kind === "ask") {
    const text = firstPart(command.question, config.MAX_TEXT_LENGTH);
    const result = await screenSafely(deps, message, text, { sender: message.senderName, group: message.groupName, region });
    if (result && isFlagged(result)) {
      command = { kind: "check", text: command.question };
      check = { result };
      flag = flagged(deps, { message, text, forward: {} }, result);
    }
  } else if (!addressed) {
    const text = firstPart(message.text, config.MAX_TEXT_LENGTH);
    const result = await screenSafely(deps, message, text, { sender: message.senderName, group: message.groupName, region });
    if (result) flag = flagged(deps, { message, text }, result);
  }

  const payload: JobPayload = { message: { ...message, time: message.time.toISOString() }, route, command, check };
  // A flagged group push owes a reminder (REMIND_IN_GROUP) or a supervisor notice, where either is on.
  const notifies = Boolean(deps.notifyFlag) && (deps.notifiesOn?.(message.channel) ?? true);
  const owed = addressed || (flag !== undefined && (config.REMIND_IN_GROUP || notifies));
  const priority = command?.kind === "ask" && isChitChat(command.question) ? 1 : 0;
  const outcome = store.intake({
    channel: message.channel,
    messageId: message.messageId,
    flag,
    job: owed ? { lane, priority, payload } : undefined,
  });
  if (outcome.flag) deps.logger.info({ flagId: outcome.flag.id, channel: message.channel, groupId: message.groupId }, "已记录一条标记");
  return { ...outcome, lane };
}

function flagged(deps: BotDeps, source: FlagSource, result: ScreenResult): FlagInput | undefined {
  return isFlagged(result) ? flagRecord(source, result, deps.engine.kb.hash) : undefined;
}

/** A screening that failed is logged; the message is still answered if it was for the bot. */
async function screenSafely(deps: BotDeps, message: IncomingMessage, text: string, opts: ScreenOptions): Promise<ScreenResult | undefined> {
  try {
    return await deps.engine.screen(text, opts);
  } catch (err) {
    if (err instanceof UserError) deps.logger.info({ messageId: message.messageId, reason: err.userMessage }, "消息未筛查");
    else deps.logger.error({ err, messageId: message.messageId }, "筛查消息失败");
    return undefined;
  }
}
