import type Database from "better-sqlite3";
import type { InboxStore, IntakeRecord, IntakeOutcome, JobState, ReplyJob } from "./inbox-store.js";
import { parseJson, toMs } from "./rows.js";
import type { Flag, FlagInput } from "./store.js";

interface JobRow {
  id: number;
  channel: string;
  message_id: string;
  lane: string;
  priority: number;
  payload: string;
  state: JobState;
  parts_sent: number;
  created_at: number;
}

const jobFromRow = (r: JobRow): ReplyJob => ({
  id: r.id,
  channel: r.channel,
  messageId: r.message_id,
  lane: r.lane,
  priority: r.priority,
  payload: parseJson<unknown>(r.payload, null),
  state: r.state,
  partsSent: r.parts_sent,
  createdAt: new Date(r.created_at),
});

/** Handled message ids and the durable reply queue. */
export function sqliteInbox(db: Database.Database, now: () => number, insertFlag: (input: FlagInput) => Flag): InboxStore {
  const stmts = {
    seen: db.prepare("SELECT 1 FROM seen_messages WHERE channel = ? AND message_id = ?"),
    markSeen: db.prepare("INSERT INTO seen_messages (channel, message_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    insertJob: db.prepare(
      "INSERT INTO reply_jobs (channel, message_id, lane, priority, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ),
    lanes: db.prepare("SELECT lane FROM reply_jobs WHERE state = 'queued' GROUP BY lane ORDER BY MIN(id) LIMIT ?"),
    next: db.prepare("SELECT * FROM reply_jobs WHERE state = 'queued' AND lane = ? ORDER BY id LIMIT 1"),
    get: db.prepare("SELECT * FROM reply_jobs WHERE id = ?"),
    setState: db.prepare("UPDATE reply_jobs SET state = ?, updated_at = ?, note = COALESCE(?, note) WHERE id = ?"),
    partSent: db.prepare("UPDATE reply_jobs SET state = 'queued', parts_sent = ?, updated_at = ? WHERE id = ?"),
    inFlight: db.prepare("SELECT * FROM reply_jobs WHERE state = 'sending'"),
    recover: db.prepare("UPDATE reply_jobs SET state = 'unknown', note = 'sending when the process stopped', updated_at = ? WHERE state = 'sending'"),
    count: db.prepare("SELECT COUNT(*) AS n FROM reply_jobs WHERE state = ?"),
    purgeSeen: db.prepare("DELETE FROM seen_messages WHERE seen_at < ?"),
  };

  const intake = db.transaction((r: IntakeRecord): IntakeOutcome => {
    const t = now();
    if (stmts.markSeen.run(r.channel, r.messageId, t).changes === 0) return { duplicate: true };
    const flag = r.flag ? insertFlag(r.flag) : undefined;
    let jobId: number | undefined;
    if (r.job) {
      const info = stmts.insertJob.run(r.channel, r.messageId, r.job.lane, r.job.priority, JSON.stringify(r.job.payload), t, t);
      jobId = info.changes ? Number(info.lastInsertRowid) : undefined;
    }
    return { duplicate: false, flag, jobId };
  });

  const recover = db.transaction((): ReplyJob[] => {
    const caught = (stmts.inFlight.all() as JobRow[]).map(jobFromRow);
    stmts.recover.run(now());
    return caught;
  });

  return {
    seen: (channel, messageId) => stmts.seen.get(channel, messageId) !== undefined,
    intake: (record) => intake.immediate(record),
    queuedLanes: (limit) => (stmts.lanes.all(limit) as Array<{ lane: string }>).map((r) => r.lane),
    nextJob(lane) {
      const row = stmts.next.get(lane) as JobRow | undefined;
      return row && jobFromRow(row);
    },
    getJob(id) {
      const row = stmts.get.get(id) as JobRow | undefined;
      return row && jobFromRow(row);
    },
    jobSending(id) {
      stmts.setState.run("sending", now(), null, id);
    },
    jobPartSent(id, partsSent) {
      stmts.partSent.run(partsSent, now(), id);
    },
    finishJob(id, state, note) {
      stmts.setState.run(state, now(), note ?? null, id);
    },
    recoverJobs: () => recover.immediate(),
    countJobs: (state) => (stmts.count.get(state) as { n: number }).n,
    purgeSeen: (before) => stmts.purgeSeen.run(toMs(before, "before")).changes,
  };
}
