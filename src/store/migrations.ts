import type Database from "better-sqlite3";

/** One schema step. Migration N brings the schema from version N-1 to N. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

// Times are epoch milliseconds (INTEGER): sortable, comparable, no time-zone ambiguity.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "flags, digests, answers",
    sql: `
      CREATE TABLE digests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        flag_count INTEGER NOT NULL
      );

      CREATE TABLE flags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        time INTEGER NOT NULL,
        channel TEXT NOT NULL,
        group_id TEXT,
        group_name TEXT,
        sender_id TEXT,
        sender_name TEXT,
        text TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('negative', 'burden')),
        citations TEXT NOT NULL DEFAULT '[]',
        confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        reason TEXT NOT NULL,
        reporter_id TEXT,
        reporter_name TEXT,
        reporter_consent INTEGER NOT NULL DEFAULT 0,
        llm_opinion TEXT,
        message_id TEXT,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'dismissed')),
        status_by TEXT,
        status_at INTEGER,
        status_note TEXT,
        digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX flags_message ON flags (channel, message_id) WHERE message_id IS NOT NULL;
      CREATE INDEX flags_time ON flags (time);
      CREATE INDEX flags_unsent ON flags (digest_id, time);

      CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        time INTEGER NOT NULL,
        channel TEXT NOT NULL,
        group_id TEXT,
        sender_id TEXT,
        question TEXT NOT NULL,
        verdict TEXT NOT NULL,
        citations TEXT NOT NULL DEFAULT '[]',
        composer TEXT NOT NULL,
        feedback TEXT,
        feedback_at INTEGER
      );
      CREATE INDEX answers_time ON answers (time);
    `,
  },
  {
    version: 2,
    description: "flag traces and knowledge version; handled message ids; durable replies; feedback kept; digests per recipient and part",
    sql: `
      ALTER TABLE flags ADD COLUMN trace TEXT;
      ALTER TABLE flags ADD COLUMN kb_version TEXT;
      CREATE INDEX flags_pending ON flags (status, digest_id);

      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE seen_messages (
        channel TEXT NOT NULL,
        message_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (channel, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX seen_messages_time ON seen_messages (seen_at);

      CREATE TABLE reply_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        message_id TEXT NOT NULL,
        lane TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'done', 'unknown', 'failed', 'skipped')),
        parts_sent INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        note TEXT
      );
      CREATE UNIQUE INDEX reply_jobs_message ON reply_jobs (channel, message_id);
      CREATE INDEX reply_jobs_queue ON reply_jobs (state, lane, id);

      CREATE TABLE answer_feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        sender_id TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX answer_feedback_answer ON answer_feedback (answer_id);
      INSERT INTO answer_feedback (answer_id, text, at)
        SELECT id, feedback, COALESCE(feedback_at, time) FROM answers WHERE feedback IS NOT NULL;

      CREATE TABLE digest_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        recipient TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        max_flag_id INTEGER NOT NULL,
        flag_count INTEGER NOT NULL,
        parts TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX digest_messages_open ON digest_messages (finished_at);
      CREATE TABLE digest_parts (
        message_id INTEGER NOT NULL REFERENCES digest_messages(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'unknown')),
        updated_at INTEGER,
        PRIMARY KEY (message_id, idx)
      ) WITHOUT ROWID;

      -- Who has received a flag; '*' stands for every recipient (flags sent before this version).
      CREATE TABLE flag_recipients (
        flag_id INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
        recipient TEXT NOT NULL,
        PRIMARY KEY (flag_id, recipient)
      ) WITHOUT ROWID;
      INSERT INTO flag_recipients (flag_id, recipient) SELECT id, '*' FROM flags WHERE digest_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    description: "per-chat regions (地区)",
    sql: `
      -- chat: 'group:<group id>' or 'user:<sender id>' for a private chat.
      CREATE TABLE chat_regions (
        channel TEXT NOT NULL,
        chat TEXT NOT NULL,
        region TEXT NOT NULL,
        set_by TEXT,
        set_at INTEGER NOT NULL,
        PRIMARY KEY (channel, chat)
      ) WITHOUT ROWID;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Schema version recorded in the database file (PRAGMA user_version). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Applies the pending migrations in one IMMEDIATE transaction, so two processes opening a new
 * file at once cannot both migrate it. Returns the versions applied. Throws on a newer schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const run = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latest) throw new NewerSchemaError(current, latest);
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}

/** The file was written by a newer version of the program. */
export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`schema version ${found} is newer than ${supported}`);
  }
}
