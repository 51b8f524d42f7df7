import type { FlagCategory, ScreenResult } from "../types.js";
import type { DigestStore } from "./digest-store.js";
import type { InboxStore } from "./inbox-store.js";
import type { RegionStore } from "./region-store.js";

export type FlagStatus = "new" | "confirmed" | "dismissed";

/** The rules that fired when a flag was raised (ScreenResult.trace). */
export type FlagTrace = NonNullable<ScreenResult["trace"]>;

export interface FlagInput {
  time: Date;
  channel: string;
  groupId?: string | null;
  groupName?: string | null;
  senderId?: string | null;
  senderName?: string | null;
  text: string;
  category: FlagCategory;
  citations: string[];
  confidence: number;
  reason: string;
  /** Who forwarded it (核查), kept out of digests unless reporterConsent. */
  reporterId?: string | null;
  reporterName?: string | null;
  reporterConsent?: boolean;
  /** The LLM's second opinion, JSON, when one was asked. */
  llmOpinion?: unknown;
  /** Platform message id, to avoid storing a message twice. */
  messageId?: string | null;
  /** Why the screener flagged it. */
  trace?: FlagTrace | null;
  /** Content hash of the knowledge base that judged it. */
  kbVersion?: string | null;
}

export interface Flag extends Required<Omit<FlagInput, "llmOpinion" | "trace" | "kbVersion">> {
  id: number;
  llmOpinion: unknown;
  trace: FlagTrace;
  kbVersion: string | null;
  status: FlagStatus;
  statusBy: string | null;
  statusAt: Date | null;
  statusNote: string | null;
  digestId: number | null;
}

export interface FlagQuery {
  status?: FlagStatus | FlagStatus[];
  since?: Date;
  until?: Date;
  groupIds?: string[];
  channels?: string[];
  /** Only flags not yet sent in any digest. */
  unsent?: boolean;
  /** Only flags not yet sent to this digest recipient (`dingtalk:user:boss`). */
  notSentTo?: string;
  /** Only flags with an id up to this one (a digest covers the flags that existed when it was made). */
  maxId?: number;
  ids?: number[];
  limit?: number;
}

/** What a digest counts, computed by the store over every flag a query matches. */
export interface FlagSummary {
  total: number;
  earliest: Date | null;
  latest: Date | null;
  maxId: number;
  byCategory: Record<FlagCategory, number>;
  groups: Array<Pick<Flag, "groupId" | "groupName" | "reporterId"> & { count: number }>;
  senders: Array<Pick<Flag, "senderId" | "senderName" | "reporterId" | "reporterName" | "reporterConsent"> & { count: number }>;
}

export interface AnswerLogInput {
  time: Date;
  channel: string;
  groupId?: string | null;
  senderId?: string | null;
  question: string;
  verdict: string;
  citations: string[];
  composer: string;
}

/** One piece of feedback on an answer; every one is kept. */
export interface AnswerFeedback {
  text: string;
  at: Date;
  senderId: string | null;
}

/** A logged answer, with every piece of feedback given on it, oldest first. */
export interface AnswerLog extends Required<AnswerLogInput> {
  id: number;
  feedback: AnswerFeedback[];
}

export interface FlagStore {
  addFlag(input: FlagInput): Flag;
  getFlag(id: number): Flag | undefined;
  /** The flag stored for a platform message, if any. */
  flagForMessage(channel: string, messageId: string): Flag | undefined;
  /** Oldest first. */
  listFlags(query?: FlagQuery): Flag[];
  countFlags(query?: FlagQuery): number;
  summarizeFlags(query?: FlagQuery): FlagSummary;
  setFlagStatus(id: number, status: FlagStatus, by: string, note?: string): Flag | undefined;
}

export interface AnswerStore {
  logAnswer(input: AnswerLogInput): number;
  /** Adds feedback to an answer; false when there is no such answer. */
  addAnswerFeedback(id: number, text: string, senderId?: string): boolean;
  /** Logged answers, newest first. */
  listAnswers(query?: { since?: Date; limit?: number }): AnswerLog[];
}

/** Whether the store can write right now, and why not. */
export interface StoreHealth {
  writable: boolean;
  error?: string;
}

/** Persistence behind one interface: SQLite by default, PostgreSQL later. */
export interface Store extends FlagStore, AnswerStore, InboxStore, DigestStore, RegionStore {
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Tries a small write; the result also reflects the last real write. */
  checkWritable(): StoreHealth;
  /** Deletes flags (and answer logs, finished digests) older than the date; returns how many flags went. */
  purgeBefore(date: Date): number;
  close(): void;
}
