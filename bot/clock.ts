/** Time as the bot sees it: injectable so tests control follow-ups, rate limits and retries. */
export interface Clock {
  now(): Date;
  /** Runs fn after ms; returns a handle for clearTimer. */
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The real clock. Timers keep the process alive: a delayed reply is still sent before exit. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** Resolves after ms on the given clock. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimer(resolve, ms);
  });
}
