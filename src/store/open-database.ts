import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate, NewerSchemaError } from "./migrations.js";
import { StoreError } from "./store-error.js";

/** How long a connection waits for another's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** True for paths that name no file on disk (":memory:", "", file: URIs are left to SQLite). */
export function isMemoryPath(path: string): boolean {
  return path === ":memory:" || path === "";
}

/**
 * Opens (creating if needed) the database file, sets WAL and busy_timeout, and migrates the
 * schema. Every failure becomes a StoreError with a Chinese message naming the path.
 */
export function openDatabase(path: string): Database.Database {
  if (!isMemoryPath(path)) {
    try {
      // A directory made here is the owner's alone; an existing one is left as the operator set it.
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new StoreError(`无法创建数据库目录 ${dirname(path)}：${(err as Error).message}（请检查 DATABASE_PATH 或 DATA_DIR）`, path, { cause: err });
    }
  }
  let db: Database.Database;
  // Files SQLite creates (the database, -wal, -shm) are readable by the owner only.
  const umask = process.umask(0o077);
  try {
    db = new Database(path);
  } catch (err) {
    process.umask(umask);
    throw new StoreError(`无法打开数据库文件 ${path}：${(err as Error).message}（请检查 DATABASE_PATH 和文件权限）`, path, { cause: err });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Switching a new file to WAL while another process does the same can answer SQLITE_BUSY at
    // once, without the busy handler: retried here for as long as busy_timeout would wait.
    retryWhileBusy(() => {
      if (!isMemoryPath(path)) db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      migrate(db);
    });
    if (!isMemoryPath(path)) ownerOnly(path);
    return db;
  } catch (err) {
    db.close();
    throw describeOpenError(err, path);
  } finally {
    process.umask(umask);
  }
}

/** Files made by an older version, or copied in, are narrowed to the owner. */
function ownerOnly(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch {
      // Not the owner: the operator chose these permissions.
    }
  }
}

const isBusy = (err: unknown) => String((err as { code?: string }).code ?? "").startsWith("SQLITE_BUSY");

/** Runs `fn`, again after a short pause whenever SQLite answers busy, until BUSY_TIMEOUT_MS has passed. */
function retryWhileBusy(fn: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      Atomics.wait(pause, 0, 0, Math.min(200, 10 * 2 ** attempt));
    }
  }
}

function describeOpenError(err: unknown, path: string): StoreError {
  if (err instanceof NewerSchemaError) {
    return new StoreError(
      `数据库 ${path} 的结构版本为 ${err.found}，高于本程序支持的 ${err.supported}：请升级减负助手，或改用其他 DATABASE_PATH`,
      path,
      { cause: err },
    );
  }
  const code = (err as { code?: string }).code;
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return new StoreError(
      `数据库文件 ${path} 已损坏或不是 SQLite 数据库：请检查 DATABASE_PATH，或把该文件移走后重新启动（将新建空库）`,
      path,
      { cause: err },
    );
  }
  if (isBusy(err)) {
    return new StoreError(`数据库 ${path} 被其他进程长时间锁定，请稍后重试`, path, { cause: err });
  }
  return new StoreError(
    `无法初始化数据库 ${path}：${(err as Error).message}（该文件可能不是减负助手的数据库）`,
    path,
    { cause: err },
  );
}
