import type Database from "better-sqlite3";
import type { OutgoingMessage } from "../types.js";
import type { DigestMessage, DigestStore, PartState } from "./digest-store.js";
import type { FlagQuery } from "./store.js";
import { flagWhere, pendingQuery } from "./flag-query.js";
import { parseJson, toMs, type DigestRow } from "./rows.js";

interface MessageRow {
  id: number;
  recipient: string;
  created_at: number;
  max_flag_id: number;
  flag_count: number;
  parts: string;
  attempts: number;
}

/** Digests per recipient and per part, and the legacy `digests` record each delivery leaves. */
export function sqliteDigests(db: Database.Database, now: () => number): DigestStore {
  const stmts = {
    open: db.prepare("SELECT * FROM digest_messages WHERE finished_at IS NULL ORDER BY id"),
    get: db.prepare("SELECT * FROM digest_messages WHERE id = ?"),
    partStates: db.prepare("SELECT state FROM digest_parts WHERE message_id = ? ORDER BY idx"),
    insertMessage: db.prepare(
      "INSERT INTO digest_messages (recipient, created_at, max_flag_id, flag_count, parts) VALUES (?, ?, ?, ?, ?)",
    ),
    insertPart: db.prepare("INSERT INTO digest_parts (message_id, idx) VALUES (?, ?)"),
    setPart: db.prepare("UPDATE digest_parts SET state = ?, updated_at = ? WHERE message_id = ? AND idx = ?"),
    failed: db.prepare("UPDATE digest_messages SET attempts = attempts + 1 WHERE id = ?"),
    finish: db.prepare("UPDATE digest_messages SET finished_at = ? WHERE id = ?"),
    recover: db.prepare("UPDATE digest_parts SET state = 'unknown', updated_at = ? WHERE state = 'sending'"),
    insertDigest: db.prepare("INSERT INTO digests (target, sent_at, flag_count) VALUES (?, ?, ?)"),
    list: db.prepare("SELECT * FROM digests ORDER BY id"),
  };

  const messageFromRow = (r: MessageRow): DigestMessage => ({
    id: r.id,
    recipient: r.recipient,
    createdAt: new Date(r.created_at),
    maxFlagId: r.max_flag_id,
    flagCount: r.flag_count,
    parts: parseJson<OutgoingMessage[]>(r.parts, []),
    partStates: (stmts.partStates.all(r.id) as Array<{ state: PartState }>).map((p) => p.state),
    attempts: r.attempts,
  });

  /** Records a digest of the flags `q` matches as sent to `target`; set-based, so 200,000 flags are one statement each. */
  const record = (q: FlagQuery, target: string, time: number): { digestId: number; count: number } => {
    const { where, params } = flagWhere(q);
    const count = (db.prepare(`SELECT COUNT(*) AS n FROM flags${where}`).get(params) as { n: number }).n;
    const digestId = Number(stmts.insertDigest.run(target, time, count).lastInsertRowid);
    // digest_id first: the recipient rows below change what `q` matches.
    db.prepare(`UPDATE flags SET digest_id = @digestId WHERE digest_id IS NULL AND id IN (SELECT id FROM flags${where})`).run({ ...params, digestId });
    db.prepare(`INSERT OR IGNORE INTO flag_recipients (flag_id, recipient) SELECT id, @target FROM flags${where}`).run({ ...params, target });
    return { digestId, count };
  };

  const create = db.transaction((m: { recipient: string; maxFlagId: number; flagCount: number; parts: OutgoingMessage[] }) => {
    const info = stmts.insertMessage.run(m.recipient, now(), m.maxFlagId, m.flagCount, JSON.stringify(m.parts));
    const id = Number(info.lastInsertRowid);
    m.parts.forEach((_, i) => stmts.insertPart.run(id, i));
    return messageFromRow(stmts.get.get(id) as MessageRow);
  });

  const finish = db.transaction((messageId: number, time: Date): number => {
    const m = stmts.get.get(messageId) as MessageRow;
    const { count } = record(pendingQuery({ recipient: m.recipient, maxId: m.max_flag_id }), m.recipient, toMs(time, "time"));
    stmts.finish.run(toMs(time, "time"), messageId);
    return count;
  });

  const markSent = db.transaction(
    (flagIds: number[], target: string, time: Date) => record({ ids: flagIds }, target, toMs(time, "time")).digestId,
  );

  return {
    openDigestMessages: () => (stmts.open.all() as MessageRow[]).map(messageFromRow),
    createDigestMessage: (m) => create.immediate(m),
    setDigestPart(messageId, index, state) {
      stmts.setPart.run(state, now(), messageId, index);
    },
    digestAttemptFailed(messageId) {
      stmts.failed.run(messageId);
    },
    finishDigestMessage: (messageId, time) => finish.immediate(messageId, time),
    markDigestSent: (flagIds, target, time) => markSent.immediate(flagIds, target, time),
    recoverDigestParts: () => stmts.recover.run(now()).changes,
    listDigests: () =>
      (stmts.list.all() as DigestRow[]).map((r) => ({ id: r.id, target: r.target, sentAt: new Date(r.sent_at), flagCount: r.flag_count })),
  };
}
