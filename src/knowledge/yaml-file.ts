import { createRequire } from "node:module";
import { cachedText, cacheKey } from "./disk-cache.js";

/*
 * Parsing YAML is most of the time loading the knowledge takes; JSON parses some fifty times
 * faster. So each file's parsed data is cached as JSON, named by the hash of the YAML text.
 */

const FORMAT = "yaml-json-1";

/** The YAML parser, loaded on the first cache miss only (loading it costs as much as reading the cache). */
let parser: ((text: string) => unknown) | undefined;
function parse(text: string): unknown {
  parser ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
  return parser(text);
}

/** The data of a YAML text, from the cache when this text was parsed before. Throws on invalid YAML. */
export function parseYamlCached(text: string): unknown {
  const json = cachedText(`${cacheKey(FORMAT, text)}.json`, () => JSON.stringify(parse(text) ?? null));
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return parse(text);
  }
}
