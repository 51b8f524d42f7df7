import type { FlagCategory } from "../types.js";
import type { Flag, FlagStatus } from "./store.js";

/** A flags row as SQLite returns it. */
export interface FlagRow {
  id: number;
  time: number;
  channel: string;
  group_id: string | null;
  group_name: string | null;
  sender_id: string | null;
  sender_name: string | null;
  text: string;
  category: FlagCategory;
  citations: string;
  confidence: number;
  reason: string;
  reporter_id: string | null;
  reporter_name: string | null;
  reporter_consent: number;
  llm_opinion: string | null;
  message_id: string | null;
  status: FlagStatus;
  status_by: string | null;
  status_at: number | null;
  status_note: string | null;
  digest_id: number | null;
  trace: string | null;
  kb_version: string | null;
}

export interface AnswerRow {
  id: number;
  time: number;
  channel: string;
  group_id: string | null;
  sender_id: string | null;
  question: string;
  verdict: string;
  citations: string;
  composer: string;
}

export interface DigestRow {
  id: number;
  target: string;
  sent_at: number;
  flag_count: number;
}

/** Row → Flag: JSON columns parsed, epoch ms → Date, 0/1 → boolean. */
export function flagFromRow(r: FlagRow): Flag {
  return {
    id: r.id,
    time: new Date(r.time),
    channel: r.channel,
    groupId: r.group_id,
    groupName: r.group_name,
    senderId: r.sender_id,
    senderName: r.sender_name,
    text: r.text,
    category: r.category,
    citations: parseJson<string[]>(r.citations, []),
    confidence: r.confidence,
    reason: r.reason,
    reporterId: r.reporter_id,
    reporterName: r.reporter_name,
    reporterConsent: r.reporter_consent === 1,
    llmOpinion: r.llm_opinion === null ? null : parseJson<unknown>(r.llm_opinion, null),
    messageId: r.message_id,
    status: r.status,
    statusBy: r.status_by,
    statusAt: r.status_at === null ? null : new Date(r.status_at),
    statusNote: r.status_note,
    digestId: r.digest_id,
    trace: r.trace === null ? [] : parseJson<Flag["trace"]>(r.trace, []),
    kbVersion: r.kb_version,
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Date → epoch ms, rejecting an invalid Date so it never reaches the table as NULL or NaN. */
export function toMs(d: Date, field: string): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${field} is not a valid Date`);
  return ms;
}

export { parseJson };
