import type { OutgoingMessage } from "../types.js";

export type PartState = "pending" | "sending" | "sent" | "unknown";

/** One digest for one recipient: its parts as they go out, and the flags it covers. */
export interface DigestMessage {
  id: number;
  /** `dingtalk:user:boss`, `wechat:group:room@chatroom` … */
  recipient: string;
  createdAt: Date;
  /** The flags pending for the recipient with ids up to this one. */
  maxFlagId: number;
  flagCount: number;
  parts: OutgoingMessage[];
  partStates: PartState[];
  /** Failed attempts so far, over all parts. */
  attempts: number;
}

/** One digest as recorded when it was delivered. */
export interface DigestRecord {
  id: number;
  target: string;
  sentAt: Date;
  flagCount: number;
}

/** Digest delivery, recorded per recipient and per part. */
export interface DigestStore {
  /** Digests not yet delivered to their recipient (after a failure or a restart). */
  openDigestMessages(): DigestMessage[];
  createDigestMessage(m: { recipient: string; maxFlagId: number; flagCount: number; parts: OutgoingMessage[] }): DigestMessage;
  setDigestPart(messageId: number, index: number, state: PartState): void;
  /** A failed attempt of the digest (for backoff). */
  digestAttemptFailed(messageId: number): void;
  /**
   * Every part went out (or may have): the covered flags are marked sent to the recipient,
   * and the digest is recorded. Returns how many flags it covered.
   */
  finishDigestMessage(messageId: number, time: Date): number;
  /** Records `flagIds` as sent to `target` (a digest made outside the schedule). Returns the digest id. */
  markDigestSent(flagIds: number[], target: string, time: Date): number;
  /** After a crash: parts caught mid-send become `unknown`. Returns how many. */
  recoverDigestParts(): number;
  listDigests(): DigestRecord[];
}
