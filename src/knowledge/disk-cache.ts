import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * A cache of derived data (parsed YAML, the segmentation dictionary) under node_modules/.cache/jianfu,
 * each entry named by the hash of what it was derived from, so an edit simply misses. Reading or
 * writing it never fails a caller: a read-only install derives the data every time.
 */

/** node_modules/.cache/jianfu of the package this module belongs to (src/ or dist/), or null. */
function findCacheDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "jianfu");
    dir = dirname(dir);
  }
  return null;
}

const cacheDir = findCacheDir();

/** A short hash of the parts, for naming an entry. */
export function cacheKey(...parts: Array<string | Buffer>): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex").slice(0, 32);
}

/** The cached text named `name`, else `derive()`'s, kept for next time. */
export function cachedText(name: string, derive: () => string): string {
  const file = cacheDir ? join(cacheDir, name) : null;
  if (file) {
    try {
      return readFileSync(file, "utf8");
    } catch {
      // Not cached yet.
    }
  }
  const text = derive();
  if (file) {
    try {
      mkdirSync(cacheDir!, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // Read-only: derive again next time.
    }
  }
  return text;
}
