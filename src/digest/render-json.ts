import type { Digest } from "./digest.js";

/** The digest as JSON: dates as ISO 8601 UTC strings, everything else as built. */
export function renderJson(d: Digest, opts: { pretty?: boolean } = {}): string {
  return JSON.stringify(d, null, opts.pretty === false ? undefined : 2) + "\n";
}

/** Parses renderJson output back into a Digest, reviving the dates. */
export function parseDigestJson(text: string): Digest {
  const raw = JSON.parse(text) as Digest;
  return {
    ...raw,
    since: new Date(raw.since),
    until: new Date(raw.until),
    entries: raw.entries.map((e) => ({ ...e, time: new Date(e.time) })),
  };
}
