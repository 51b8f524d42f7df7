import type { Config } from "../config.js";
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";

/** The store the configuration names: SQLite at `databasePath` (the only backend so far). */
export function openStore(config: Pick<Config, "databasePath">, opts: SqliteStoreOptions = {}): SqliteStore {
  return openSqliteStore(config.databasePath, opts);
}

/** The cut-off date for FLAG_RETENTION_DAYS: flags and answers older than this may be purged. */
export function retentionCutoff(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
