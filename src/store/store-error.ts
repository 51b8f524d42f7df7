import { JianfuError } from "../errors.js";

/** The database could not be opened, migrated or written; the message names the file. */
export class StoreError extends JianfuError {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * True for SQLite's own failures (full disk, read-only file, I/O error, locked too long): the
 * write may succeed later, so what it carried must be kept and retried, not dropped.
 */
export function isStorageFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") && !code.startsWith("SQLITE_CONSTRAINT");
}
