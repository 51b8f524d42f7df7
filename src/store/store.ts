import type { FlagCategory } from "../types.js";

export type FlagStatus = "new" | "confirmed" | "dismissed";

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
}

export interface Flag extends Required<Omit<FlagInput, "llmOpinion">> {
  id: number;
  llmOpinion: unknown;
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
  /** Only flags not yet sent in a scheduled digest. */
  unsent?: boolean;
  limit?: number;
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

/** A logged answer, with the asker's feedback when given. */
export interface AnswerLog extends Required<AnswerLogInput> {
  id: number;
  feedback: string | null;
  feedbackAt: Date | null;
}

/** Persistence behind one interface: SQLite by default, PostgreSQL later. */
export interface Store {
  addFlag(input: FlagInput): Flag;
  getFlag(id: number): Flag | undefined;
  listFlags(query?: FlagQuery): Flag[];
  setFlagStatus(id: number, status: FlagStatus, by: string, note?: string): Flag | undefined;
  /** Records a digest as sent and marks its flags with its id. Returns the digest id. */
  markDigestSent(flagIds: number[], target: string, time: Date): number;
  logAnswer(input: AnswerLogInput): number;
  setAnswerFeedback(id: number, feedback: string): boolean;
  /** Logged answers, newest first. */
  listAnswers(query?: { since?: Date; limit?: number }): AnswerLog[];
  /** Deletes flags (and answer logs) older than the date; returns how many flags went. */
  purgeBefore(date: Date): number;
  close(): void;
}
