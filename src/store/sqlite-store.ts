import type Database from "better-sqlite3";
import type { AnswerLog, Flag, FlagInput, FlagQuery, FlagStatus, Store } from "./store.js";
import { openDatabase } from "./open-database.js";
import { flagFromRow, parseJson, toMs, type AnswerRow, type DigestRow, type FlagRow } from "./rows.js";
import { buildFlagQuery } from "./flag-query.js";
import { validateFlagInput } from "./validate.js";

export type { AnswerLog } from "./store.js";

/** One digest as recorded by markDigestSent. */
export interface DigestRecord {
  id: number;
  target: string;
  sentAt: Date;
  flagCount: number;
}

/** The SQLite store, with a few reading helpers beyond the Store interface. */
export interface SqliteStore extends Store {
  readonly path: string;
  listDigests(): DigestRecord[];
}

export interface SqliteStoreOptions {
  /** Clock for status and feedback times; tests pass a fixed one. */
  now?: () => Date;
}

const STATUSES: readonly FlagStatus[] = ["new", "confirmed", "dismissed"];

/**
 * Opens the SQLite store at `path` (":memory:" for a throwaway one): creates the parent directory,
 * turns on WAL and busy_timeout, applies migrations. Throws StoreError for a corrupt or foreign file.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(path);
  const now = opts.now ?? (() => new Date());
  const stmts = prepare(db);

  const getFlag = (id: number): Flag | undefined => {
    const row = stmts.getFlag.get(id) as FlagRow | undefined;
    return row && flagFromRow(row);
  };

  // Insert-or-find in one IMMEDIATE transaction: two connections adding the same message agree.
  const addFlag = db.transaction((input: FlagInput): Flag => {
    const messageId = input.messageId ?? null;
    if (messageId !== null) {
      const existing = stmts.flagByMessage.get(input.channel, messageId) as FlagRow | undefined;
      if (existing) return flagFromRow(existing);
    }
    const info = stmts.insertFlag.run({
      time: toMs(input.time, "time"),
      channel: input.channel,
      group_id: input.groupId ?? null,
      group_name: input.groupName ?? null,
      sender_id: input.senderId ?? null,
      sender_name: input.senderName ?? null,
      text: input.text,
      category: input.category,
      citations: JSON.stringify(input.citations),
      confidence: input.confidence,
      reason: input.reason,
      reporter_id: input.reporterId ?? null,
      reporter_name: input.reporterName ?? null,
      reporter_consent: input.reporterConsent ? 1 : 0,
      llm_opinion: input.llmOpinion === undefined || input.llmOpinion === null ? null : JSON.stringify(input.llmOpinion),
      message_id: messageId,
      created_at: toMs(now(), "now"),
    });
    return getFlag(Number(info.lastInsertRowid))!;
  });

  const markDigestSent = db.transaction((flagIds: number[], target: string, time: Date): number => {
    const info = stmts.insertDigest.run(target, toMs(time, "time"), flagIds.length);
    const digestId = Number(info.lastInsertRowid);
    for (const id of flagIds) stmts.markFlagSent.run(digestId, id);
    return digestId;
  });

  const purgeBefore = db.transaction((date: Date): number => {
    const ms = toMs(date, "date");
    const flags = stmts.purgeFlags.run(ms).changes;
    stmts.purgeAnswers.run(ms);
    stmts.purgeDigests.run(ms);
    return flags;
  });

  return {
    path,
    addFlag(input) {
      validateFlagInput(input);
      return addFlag.immediate(input);
    },
    getFlag,
    listFlags(query: FlagQuery = {}) {
      const { sql, params } = buildFlagQuery(query);
      return (db.prepare(sql).all(params) as FlagRow[]).map(flagFromRow);
    },
    setFlagStatus(id, status, by, note) {
      if (!STATUSES.includes(status)) throw new TypeError(`unknown flag status ${String(status)}`);
      const info = stmts.setStatus.run(status, by, toMs(now(), "now"), note ?? null, id);
      return info.changes ? getFlag(id) : undefined;
    },
    markDigestSent(flagIds, target, time) {
      return markDigestSent.immediate(flagIds, target, time);
    },
    logAnswer(input) {
      const info = stmts.insertAnswer.run(
        toMs(input.time, "time"),
        input.channel,
        input.groupId ?? null,
        input.senderId ?? null,
        input.question,
        input.verdict,
        JSON.stringify(input.citations),
        input.composer,
      );
      return Number(info.lastInsertRowid);
    },
    setAnswerFeedback(id, feedback) {
      return stmts.setFeedback.run(feedback, toMs(now(), "now"), id).changes > 0;
    },
    purgeBefore(date) {
      return purgeBefore.immediate(date);
    },
    listAnswers(query = {}) {
      const rows = stmts.listAnswers.all(query.since ? toMs(query.since, "since") : -8.64e15, query.limit ?? -1) as AnswerRow[];
      return rows.map((r) => ({
        id: r.id,
        time: new Date(r.time),
        channel: r.channel,
        groupId: r.group_id,
        senderId: r.sender_id,
        question: r.question,
        verdict: r.verdict,
        citations: parseJson<string[]>(r.citations, []),
        composer: r.composer,
        feedback: r.feedback,
        feedbackAt: r.feedback_at === null ? null : new Date(r.feedback_at),
      }));
    },
    listDigests() {
      return (stmts.listDigests.all() as DigestRow[]).map((r) => ({
        id: r.id,
        target: r.target,
        sentAt: new Date(r.sent_at),
        flagCount: r.flag_count,
      }));
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function prepare(db: Database.Database) {
  return {
    getFlag: db.prepare("SELECT * FROM flags WHERE id = ?"),
    flagByMessage: db.prepare("SELECT * FROM flags WHERE channel = ? AND message_id = ?"),
    insertFlag: db.prepare(`
      INSERT INTO flags (time, channel, group_id, group_name, sender_id, sender_name, text, category,
        citations, confidence, reason, reporter_id, reporter_name, reporter_consent, llm_opinion,
        message_id, created_at)
      VALUES (@time, @channel, @group_id, @group_name, @sender_id, @sender_name, @text, @category,
        @citations, @confidence, @reason, @reporter_id, @reporter_name, @reporter_consent, @llm_opinion,
        @message_id, @created_at)`),
    setStatus: db.prepare("UPDATE flags SET status = ?, status_by = ?, status_at = ?, status_note = ? WHERE id = ?"),
    insertDigest: db.prepare("INSERT INTO digests (target, sent_at, flag_count) VALUES (?, ?, ?)"),
    // A flag keeps the first digest it went out in.
    markFlagSent: db.prepare("UPDATE flags SET digest_id = ? WHERE id = ? AND digest_id IS NULL"),
    insertAnswer: db.prepare(
      "INSERT INTO answers (time, channel, group_id, sender_id, question, verdict, citations, composer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    setFeedback: db.prepare("UPDATE answers SET feedback = ?, feedback_at = ? WHERE id = ?"),
    listAnswers: db.prepare("SELECT * FROM answers WHERE time >= ? ORDER BY time DESC, id DESC LIMIT ?"),
    listDigests: db.prepare("SELECT * FROM digests ORDER BY id"),
    purgeFlags: db.prepare("DELETE FROM flags WHERE time < ?"),
    purgeAnswers: db.prepare("DELETE FROM answers WHERE time < ?"),
    purgeDigests: db.prepare("DELETE FROM digests WHERE sent_at < ? AND id NOT IN (SELECT digest_id FROM flags WHERE digest_id IS NOT NULL)"),
  };
}
