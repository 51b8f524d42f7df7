import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

/*
 * Parsing YAML is most of the time the bot takes to load its knowledge; JSON parses some fifty
 * times faster. So each file's parsed data is kept as JSON under node_modules/.cache/jianfu,
 * named by the hash of the YAML text: an edited file simply misses. Any failure to read or write
 * the cache falls back to parsing.
 */

const FORMAT = "yaml-json-1";

/** The YAML parser, loaded on the first cache miss only (loading it costs as much as reading the cache). */
let parser: ((text: string) => unknown) | undefined;
function parse(text: string): unknown {
  parser ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
  return parser(text);
}

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

/** The data of a YAML text, from the cache when this text was parsed before. Throws on invalid YAML. */
export function parseYamlCached(text: string): unknown {
  if (!cacheDir) return parse(text);
  const key = createHash("sha256").update(FORMAT).update(text).digest("hex").slice(0, 32);
  const file = join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch {
    // Not cached yet (or unreadable): parse, then try to keep it.
  }
  const data = parse(text) as unknown;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data ?? null), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only install just parses every time.
  }
  return data;
}

/** Reads and parses a YAML file (through the cache). */
export function readYamlFile(path: string): unknown {
  return parseYamlCached(readFileSync(path, "utf8"));
}
