/** Sends to one target one at a time, at least `gapMs` apart; different targets do not wait for each other. */
export interface SendQueue {
  /** Runs `send` after the target's earlier sends, and after the gap since the last one. */
  run<T>(target: string, send: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void>;
}

/**
 * A per-target queue with a minimum gap: WeChat restricts accounts that post in bursts.
 * A failed send does not block the ones after it.
 */
export function createSendQueue(
  gapMs: number,
  now: () => number = Date.now,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): SendQueue {
  const tails = new Map<string, Promise<unknown>>();
  const lastAt = new Map<string, number>();

  return {
    run(target, send) {
      const previous = tails.get(target) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          const delay = (lastAt.get(target) ?? -Infinity) + gapMs - now();
          if (delay > 0) await wait(delay);
          try {
            return await send();
          } finally {
            lastAt.set(target, now());
          }
        });
      const tail = next.catch(() => undefined);
      tails.set(target, tail);
      void tail.then(() => {
        if (tails.get(target) === tail) tails.delete(target);
      });
      return next;
    },
    async idle() {
      await Promise.all([...tails.values()]);
    },
  };
}
