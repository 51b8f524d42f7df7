import type { Clock } from "./clock.js";

const WINDOW_MS = 60_000;

/** A wait for a slot that ended because the limiter closed (shutdown): the send did not happen. */
export class LimiterClosed extends Error {
  constructor() {
    super("rate limiter closed");
  }
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * A per-key sliding-window limiter that delays instead of dropping: `acquire(key)` resolves at
 * once while the key has sent fewer than `perMinute` messages in the last minute, else when a
 * slot frees up. Waiters of one key are served in order.
 */
export class RateLimiter {
  private sent = new Map<string, number[]>();
  private queues = new Map<string, Waiter[]>();
  private timers = new Map<string, unknown>();

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Waits for a slot for this key (a group, or a private chat) and takes it. Rejects with LimiterClosed on close(). */
  acquire(key: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(key) ?? [];
      queue.push({ resolve, reject });
      this.queues.set(key, queue);
      this.drain(key);
    });
  }

  /**
   * Takes a slot only if one is free now with `spare` more left over and nobody waits: for
   * replies that must never use up the budget (chit-chat). True when taken.
   */
  tryAcquire(key: string, spare: number): boolean {
    if (this.queues.get(key)?.length) return false;
    const recent = this.recent(key);
    if (recent.length + spare >= this.perMinute) return false;
    recent.push(this.clock.now().getTime());
    this.sent.set(key, recent);
    return true;
  }

  /** How many callers of this key are waiting. */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /** Shutdown: timers cancelled, waiters rejected with LimiterClosed (what they would send stays owed). */
  close(): void {
    for (const t of this.timers.values()) this.clock.clearTimer(t);
    this.timers.clear();
    for (const queue of this.queues.values()) for (const w of queue.splice(0)) w.reject(new LimiterClosed());
    this.queues.clear();
  }

  private recent(key: string): number[] {
    const now = this.clock.now().getTime();
    return (this.sent.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  }

  private drain(key: string): void {
    if (this.timers.has(key)) return;
    const queue = this.queues.get(key);
    const now = this.clock.now().getTime();
    const recent = this.recent(key);
    while (queue?.length && recent.length < this.perMinute) {
      recent.push(now);
      queue.shift()!.resolve();
    }
    this.sent.set(key, recent);
    if (!queue?.length) {
      this.queues.delete(key);
      if (recent.length === 0) this.sent.delete(key);
      return;
    }
    // Full: wake up when the oldest send leaves the window.
    const wait = recent[0]! + WINDOW_MS - now;
    this.timers.set(
      key,
      this.clock.setTimer(() => {
        this.timers.delete(key);
        this.drain(key);
      }, wait),
    );
  }
}
