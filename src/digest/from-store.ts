import type { FlagQuery, Store } from "../store/store.js";
import { assembleDigest, type Digest, type DigestOptions } from "./digest.js";

export interface StoreDigestOptions extends DigestOptions {
  /** Which flags; default every new or confirmed one. Window and scope are added to it. */
  query?: FlagQuery;
  /** List at most this many (a chat message); the counts still cover every flag. */
  maxEntries?: number;
}

/**
 * The digest from the store, for the schedule, `汇总`, the CLI and `screen-log` alike: counts,
 * time range and tallies are computed in SQL over every matching flag; only the flags listed are
 * loaded, so 200,000 pending flags cost no more memory than 30.
 */
export function digestFromStore(store: Pick<Store, "summarizeFlags" | "listFlags">, opts: StoreDigestOptions = {}): Digest {
  const query: FlagQuery = {
    status: ["new", "confirmed"],
    ...opts.query,
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.until ? { until: opts.until } : {}),
    ...(opts.scopeGroups ? { groupIds: opts.scopeGroups } : {}),
  };
  const summary = store.summarizeFlags(query);
  const shown = store.listFlags({ ...query, limit: opts.maxEntries });
  return assembleDigest(summary, shown, opts);
}
