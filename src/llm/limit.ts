/** A tiny semaphore: at most `n` tasks run at once, the rest wait in FIFO order. */
export interface Limiter {
  /** Runs `task` when a slot is free. A `signal` aborted while waiting removes the task from the queue. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Waits for a slot and returns its release function (for work that is not one promise, e.g. a stream). */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly pending: number;
}

/** Creates a limiter allowing `n` (≥ 1) concurrent tasks. */
export function createLimiter(n: number): Limiter {
  const max = Math.max(1, Math.floor(n));
  let active = 0;
  const queue: Array<() => void> = [];

  const release = () => {
    active--;
    const next = queue.shift();
    if (next) next();
  };

  const acquire = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (active < max) {
        active++;
        return resolve();
      }
      const start = () => {
        signal?.removeEventListener("abort", onAbort);
        active++;
        resolve();
      };
      const onAbort = () => {
        const i = queue.indexOf(start);
        if (i >= 0) queue.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(start);
    });

  return {
    async run(task, signal) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    async acquire(signal) {
      await acquire(signal);
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    },
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
  };
}
