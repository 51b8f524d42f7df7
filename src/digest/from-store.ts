import type { Store } from "../store/store.js";
import { buildDigest, type Digest, type DigestOptions } from "./digest.js";

/**
 * Reads the window's flags (not dismissed; only those never sent when `unsent`) from the store and
 * builds the digest. The scheduled job passes `unsent: true`, then calls
 * `store.markDigestSent(digest.entries.map((e) => e.id), target, time)` once the platform accepted it.
 */
export function digestFromStore(store: Store, opts: DigestOptions & { unsent?: boolean }): Digest {
  const flags = store.listFlags({
    status: ["new", "confirmed"],
    since: opts.since,
    until: opts.until,
    groupIds: opts.scopeGroups,
    unsent: opts.unsent === true,
  });
  return buildDigest(flags, opts);
}
