import type Database from "better-sqlite3";
import { buildFlagQuery, flagWhere } from "./flag-query.js";
import { flagFromRow, toMs, type FlagRow } from "./rows.js";
import type { Flag, FlagInput, FlagQuery, FlagStatus, FlagStore, FlagSummary } from "./store.js";
import { validateFlagInput } from "./validate.js";

const STATUSES: readonly FlagStatus[] = ["new", "confirmed", "dismissed"];

/** The flags table. `insertFlag` runs inside the caller's transaction (addFlag, intake). */
export function sqliteFlags(db: Database.Database, now: () => Date): FlagStore & { insertFlag(input: FlagInput): Flag } {
  const stmts = {
    get: db.prepare("SELECT * FROM flags WHERE id = ?"),
    byMessage: db.prepare("SELECT * FROM flags WHERE channel = ? AND message_id = ?"),
    insert: db.prepare(`
      INSERT INTO flags (time, channel, group_id, group_name, sender_id, sender_name, text, category,
        citations, confidence, reason, reporter_id, reporter_name, reporter_consent, llm_opinion,
        message_id, trace, kb_version, created_at)
      VALUES (@time, @channel, @group_id, @group_name, @sender_id, @sender_name, @text, @category,
        @citations, @confidence, @reason, @reporter_id, @reporter_name, @reporter_consent, @llm_opinion,
        @message_id, @trace, @kb_version, @created_at)`),
    setStatus: db.prepare("UPDATE flags SET status = ?, status_by = ?, status_at = ?, status_note = ? WHERE id = ?"),
  };

  const getFlag = (id: number): Flag | undefined => {
    const row = stmts.get.get(id) as FlagRow | undefined;
    return row && flagFromRow(row);
  };

  // Insert-or-find: two connections (or a redelivery) adding the same message agree on one flag.
  const insertFlag = (input: FlagInput): Flag => {
    validateFlagInput(input);
    const messageId = input.messageId ?? null;
    if (messageId !== null) {
      const existing = stmts.byMessage.get(input.channel, messageId) as FlagRow | undefined;
      if (existing) return flagFromRow(existing);
    }
    const info = stmts.insert.run({
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
      trace: JSON.stringify(input.trace ?? []),
      kb_version: input.kbVersion ?? null,
      created_at: toMs(now(), "now"),
    });
    return getFlag(Number(info.lastInsertRowid))!;
  };
  const addFlag = db.transaction(insertFlag);

  return {
    insertFlag,
    addFlag: (input) => addFlag.immediate(input),
    getFlag,
    flagForMessage(channel, messageId) {
      const row = stmts.byMessage.get(channel, messageId) as FlagRow | undefined;
      return row && flagFromRow(row);
    },
    listFlags(query: FlagQuery = {}) {
      const { sql, params } = buildFlagQuery(query);
      return (db.prepare(sql).all(params) as FlagRow[]).map(flagFromRow);
    },
    countFlags(query: FlagQuery = {}) {
      const { where, params } = flagWhere(query);
      return (db.prepare(`SELECT COUNT(*) AS n FROM flags${where}`).get(params) as { n: number }).n;
    },
    summarizeFlags: (query = {}) => summarize(db, query),
    setFlagStatus(id, status, by, note) {
      if (!STATUSES.includes(status)) throw new TypeError(`unknown flag status ${String(status)}`);
      const info = stmts.setStatus.run(status, by, toMs(now(), "now"), note ?? null, id);
      return info.changes ? getFlag(id) : undefined;
    },
  };
}

/** Totals, time range and tallies in SQL: no flag is loaded, however many match. */
function summarize(db: Database.Database, query: FlagQuery): FlagSummary {
  const { where, params } = flagWhere(query);
  const totals = db
    .prepare(
      `SELECT COUNT(*) AS total, MIN(time) AS earliest, MAX(time) AS latest, COALESCE(MAX(id), 0) AS maxId,
        COALESCE(SUM(category = 'negative'), 0) AS negative, COALESCE(SUM(category = 'burden'), 0) AS burden
      FROM flags${where}`,
    )
    .get(params) as { total: number; earliest: number | null; latest: number | null; maxId: number; negative: number; burden: number };
  const groups = db
    .prepare(
      `SELECT group_id AS groupId, group_name AS groupName, MAX(reporter_id) AS reporterId, COUNT(*) AS count
      FROM flags${where} GROUP BY group_id, group_name, COALESCE(reporter_id, '') != ''`,
    )
    .all(params) as FlagSummary["groups"];
  const senders = db
    .prepare(
      `SELECT sender_id AS senderId, sender_name AS senderName, reporter_id AS reporterId, reporter_name AS reporterName,
        reporter_consent AS consent, COUNT(*) AS count
      FROM flags${where} GROUP BY sender_id, sender_name, reporter_id, reporter_name, reporter_consent`,
    )
    .all(params) as Array<Omit<FlagSummary["senders"][number], "reporterConsent"> & { consent: number }>;
  return {
    total: totals.total,
    earliest: totals.earliest === null ? null : new Date(totals.earliest),
    latest: totals.latest === null ? null : new Date(totals.latest),
    maxId: totals.maxId,
    byCategory: { negative: totals.negative, burden: totals.burden },
    groups,
    senders: senders.map(({ consent, ...s }) => ({ ...s, reporterConsent: consent === 1 })),
  };
}
