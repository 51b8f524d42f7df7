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
