import type { Flag, FlagInput } from "./store.js";

/**
 * queued → sending (a part is in flight) → queued (that part went out) … → done.
 * A part in flight when the process died, or whose send timed out, is `unknown`: never resent.
 */
export type JobState = "queued" | "sending" | "done" | "unknown" | "failed" | "skipped";

/** A reply the bot owes: what the worker needs to answer a message, even after a restart. */
export interface ReplyJobInput {
  /** Replies of one lane (a group or private chat) go out in order. */
  lane: string;
  /** 0 owed answer; 1 chit-chat, sent only when the chat's reply budget allows. */
  priority: number;
  payload: unknown;
}

export interface ReplyJob extends ReplyJobInput {
  id: number;
  channel: string;
  messageId: string;
  state: JobState;
  /** Parts already delivered; a resumed job skips them. */
  partsSent: number;
  createdAt: Date;
}

/** Everything one incoming message leaves behind, written together. */
export interface IntakeRecord {
  channel: string;
  messageId: string;
  flag?: FlagInput;
  job?: ReplyJobInput;
}

export interface IntakeOutcome {
  /** The message was handled before (a platform's redelivery): nothing was written. */
  duplicate: boolean;
  flag?: Flag;
  jobId?: number;
}

/** Message ids handled (kept for a day), and the durable queue of replies owed. */
export interface InboxStore {
  /** True when this message was taken in before. */
  seen(channel: string, messageId: string): boolean;
  /** Records the message as handled with its flag and owed reply, in one transaction. */
  intake(record: IntakeRecord): IntakeOutcome;
  /** Lanes with queued replies, oldest first. */
  queuedLanes(limit: number): string[];
  nextJob(lane: string): ReplyJob | undefined;
  getJob(id: number): ReplyJob | undefined;
  /** A part is about to be sent. */
  jobSending(id: number): void;
  /** `partsSent` parts have gone out; the job waits for its next part. */
  jobPartSent(id: number, partsSent: number): void;
  finishJob(id: number, state: Exclude<JobState, "queued" | "sending">, note?: string): void;
  /** After a crash: jobs caught mid-send become `unknown` (returned), never sent again. */
  recoverJobs(): ReplyJob[];
  countJobs(state: JobState): number;
  /** Forgets handled message ids older than the date; returns how many. */
  purgeSeen(before: Date): number;
}
