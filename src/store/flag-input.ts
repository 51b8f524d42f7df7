import type { IncomingMessage, ScreenResult } from "../types.js";
import type { FlagInput } from "./store.js";

/** The flag to store for a message the screener flagged. */
export function flagInputFor(message: IncomingMessage, result: ScreenResult & { category: NonNullable<ScreenResult["category"]> }): FlagInput {
  return {
    time: message.time,
    channel: message.channel,
    groupId: message.groupId ?? null,
    groupName: message.groupName ?? null,
    senderId: message.senderId || null,
    senderName: message.senderName || null,
    text: message.text,
    category: result.category,
    citations: result.citations,
    confidence: result.confidence,
    reason: result.reason,
    llmOpinion: result.llm ?? null,
    messageId: message.messageId,
  };
}
