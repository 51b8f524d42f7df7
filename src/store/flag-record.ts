import type { FlagCategory, IncomingMessage, ScreenResult } from "../types.js";
import type { Flag, FlagInput, Store } from "./store.js";

/** Where a flagged text came from: a group message, or a notice forwarded to the bot. */
export interface FlagSource {
  message: Pick<IncomingMessage, "channel" | "messageId" | "groupId" | "groupName" | "senderId" | "senderName" | "time">;
  /** The text screened (a long message's first part). */
  text: string;
  /**
   * Set for a notice forwarded to the bot (核查, or pasted to it): the message's sender is the
   * forwarder, kept out of digests unless they consent; group and sender are those named in it.
   */
  forward?: { group?: string; sender?: string; consent?: boolean };
}

/** A screen result that flagged. */
export type Flagged = ScreenResult & { flagged: true; category: FlagCategory };

export function isFlagged(result: ScreenResult): result is Flagged {
  return result.flagged && result.category !== null;
}

/** The flag to store, whatever raised it: a group message, 核查, a pasted notice, `screen-log`. */
export function flagRecord(source: FlagSource, result: Flagged, kbVersion: string): FlagInput {
  const { message, forward } = source;
  const judged = {
    time: message.time,
    channel: message.channel,
    text: source.text,
    category: result.category,
    citations: result.citations,
    confidence: result.confidence,
    reason: result.reason,
    llmOpinion: result.llm ?? null,
    messageId: message.messageId,
    trace: result.trace ?? [],
    kbVersion,
  };
  if (!forward) {
    return {
      ...judged,
      groupId: message.groupId ?? null,
      groupName: message.groupName ?? null,
      senderId: message.senderId || null,
      senderName: message.senderName || null,
    };
  }
  return {
    ...judged,
    groupId: null,
    groupName: forward.group ?? null,
    senderId: null,
    senderName: forward.sender ?? null,
    reporterId: message.senderId,
    reporterName: message.senderName,
    reporterConsent: forward.consent ?? false,
  };
}

/** Stores the flag (once per message id). */
export function recordFlag(store: Pick<Store, "addFlag">, source: FlagSource, result: Flagged, kbVersion: string): Flag {
  return store.addFlag(flagRecord(source, result, kbVersion));
}
