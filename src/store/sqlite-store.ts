import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { isMemoryPath, openDatabase } from "./open-database.js";
import { toMs } from "./rows.js";
import { sqliteAnswers } from "./sqlite-answers.js";
import { sqliteDigests } from "./sqlite-digests.js";
import { sqliteFlags } from "./sqlite-flags.js";
import { sqliteInbox } from "./sqlite-inbox.js";
import { sqliteRegions } from "./sqlite-regions.js";
import { isStorageFault } from "./store-error.js";
import type { Store, StoreHealth } from "./store.js";

export type { AnswerLog } from "./store.js";
export type { DigestRecord } from "./digest-store.js";

/** The SQLite store, with its connection for maintenance (backups) and tests. */
export interface SqliteStore extends Store {
  readonly path: string;
  readonly db: Database.Database;
}

export interface SqliteStoreOptions {
  /** Clock for status, feedback and queue times; tests pass a fixed one. */
  now?: () => Date;
}

/** Finished replies and digests are kept this long for review, then purged with old flags. */
const KEEP_FINISHED_MS = 7 * 86_400_000;

/**
 * Opens the SQLite store at `path` (":memory:" for a throwaway one): creates the parent directory,
 * turns on WAL and busy_timeout, applies migrations. Throws StoreError for a corrupt or foreign file.
 * Every write that fails for a storage reason (full disk, read-only file) is remembered for
 * checkWritable() until a write succeeds again.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(path);
  const now = opts.now ?? (() => new Date());
  const ms = () => toMs(now(), "now");
  const flags = sqliteFlags(db, now);
  const { insertFlag, ...flagStore } = flags;
  let lastFault: { message: string; at: number } | undefined;

  const stmts = {
    getMeta: db.prepare("SELECT value FROM meta WHERE key = ?"),
    setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    purgeFlags: db.prepare("DELETE FROM flags WHERE time < ?"),
    purgeAnswers: db.prepare("DELETE FROM answers WHERE time < ?"),
    purgeDigests: db.prepare("DELETE FROM digests WHERE sent_at < ? AND id NOT IN (SELECT digest_id FROM flags WHERE digest_id IS NOT NULL)"),
    purgeJobs: db.prepare("DELETE FROM reply_jobs WHERE state NOT IN ('queued', 'sending') AND updated_at < ?"),
    purgeDigestMessages: db.prepare("DELETE FROM digest_messages WHERE finished_at < ?"),
  };

  const purgeBefore = db.transaction((date: Date): number => {
    const cutoff = toMs(date, "date");
    const finished = Math.min(cutoff, ms() - KEEP_FINISHED_MS);
    const count = stmts.purgeFlags.run(cutoff).changes;
    stmts.purgeAnswers.run(cutoff);
    stmts.purgeDigests.run(cutoff);
    stmts.purgeJobs.run(finished);
    stmts.purgeDigestMessages.run(finished);
    return count;
  });

  const store: Store = {
    ...flagStore,
    ...sqliteInbox(db, ms, insertFlag),
    ...sqliteDigests(db, ms),
    ...sqliteAnswers(db, ms),
    ...sqliteRegions(db, ms),
    getMeta: (key) => (stmts.getMeta.get(key) as { value: string } | undefined)?.value,
    setMeta(key, value) {
      stmts.setMeta.run(key, value);
    },
    checkWritable(): StoreHealth {
      // A real write that failed moments ago outweighs a probe that happens to fit.
      if (lastFault && Date.now() - lastFault.at < RECENT_FAULT_MS) return { writable: false, error: lastFault.message };
      const low = lowDiskSpace(path);
      if (low) return { writable: false, error: low };
      try {
        stmts.setMeta.run("health.checked_at", String(ms()));
        lastFault = undefined;
        return { writable: true };
      } catch (err) {
        return { writable: false, error: (err as Error).message };
      }
    },
    purgeBefore: (date) => purgeBefore.immediate(date),
    close() {
      if (db.open) db.close();
    },
  };
  const noteFault = (message: string | undefined) => (lastFault = message === undefined ? undefined : { message, at: Date.now() });
  return { ...watchFaults(store, noteFault), path, db };
}

/** A write that failed within this long makes the store unwritable for /healthz. */
const RECENT_FAULT_MS = 5_000;
/** Below this much free space the store reports itself unwritable before SQLite fails. */
const MIN_FREE_BYTES = 1024 * 1024;

function lowDiskSpace(path: string): string | undefined {
  if (isMemoryPath(path)) return undefined;
  try {
    const fs = statfsSync(dirname(path));
    const free = fs.bavail * fs.bsize;
    return free < MIN_FREE_BYTES ? `磁盘空间不足：${dirname(path)} 只剩 ${Math.round(free / 1024)} KB` : undefined;
  } catch {
    return undefined;
  }
}

/** Methods that only read (checkWritable and close manage the fault note themselves). */
const READS = new Set([
  ...["getFlag", "flagForMessage", "listFlags", "countFlags", "summarizeFlags"],
  ...["seen", "queuedLanes", "nextJob", "getJob", "countJobs", "openDigestMessages", "listDigests", "listAnswers", "chatRegion"],
  ...["getMeta", "checkWritable", "close"],
]);

/** Wraps every writing method: a storage fault is noted (and rethrown), a success clears it. */
function watchFaults(store: Store, note: (fault: string | undefined) => void): Store {
  const out = { ...store } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(store)) {
    if (typeof fn !== "function" || READS.has(name)) continue;
    out[name] = (...args: unknown[]) => {
      try {
        const result = (fn as (...a: unknown[]) => unknown)(...args);
        note(undefined);
        return result;
      } catch (err) {
        if (isStorageFault(err)) note((err as Error).message);
        throw err;
      }
    };
  }
  return out as unknown as Store;
}
