/**
 * Remembers message ids in memory for a while: a cheap first check before the store, which keeps
 * every handled id for a day across restarts.
 */
export interface Deduper {
  /** True when `id` was seen within the TTL; otherwise records it and returns false. */
  seen(id: string): boolean;
  /** True when `id` was seen within the TTL; records nothing. */
  has(id: string): boolean;
  readonly size: number;
}

export interface DeduperOptions {
  /** How long an id is remembered. Default 10 minutes (DingTalk retries for about a minute). */
  ttlMs?: number;
  /** Oldest ids are forgotten beyond this many. Default 10 000. */
  maxSize?: number;
  now?: () => number;
}

/** A TTL set of message ids; memory stays bounded by `maxSize`. */
export function createDeduper(opts: DeduperOptions = {}): Deduper {
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const maxSize = opts.maxSize ?? 10_000;
  const now = opts.now ?? Date.now;
  // Insertion order is expiry order, so pruning only looks at the front.
  const expiries = new Map<string, number>();

  const prune = (t: number): void => {
    for (const [id, expiry] of expiries) {
      if (expiry > t && expiries.size <= maxSize) break;
      expiries.delete(id);
    }
  };

  return {
    seen(id) {
      const t = now();
      prune(t);
      if (expiries.has(id)) return true;
      expiries.set(id, t + ttlMs);
      prune(t);
      return false;
    },
    has(id) {
      prune(now());
      return expiries.has(id);
    },
    get size() {
      return expiries.size;
    },
  };
}
