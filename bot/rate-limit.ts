import type { Clock } from "./clock.js";

const WINDOW_MS = 60_000;

/**
 * A per-key sliding-window limiter that delays instead of dropping: `acquire(key)` resolves at
 * once while the key has sent fewer than `perMinute` messages in the last minute, else when a
 * slot frees up. Waiters of one key are served in order.
 */
export class RateLimiter {
  private sent = new Map<string, number[]>();
  private queues = new Map<string, Array<() => void>>();
  private timers = new Map<string, unknown>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Waits for a slot for this key (a group, or a private chat) and takes it. */
  acquire(key: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.queues.get(key) ?? [];
      queue.push(resolve);
      this.queues.set(key, queue);
      this.drain(key);
    });
  }

  /** How many callers of this key are waiting. */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /** Cancels pending timers (shutdown); waiters are released at once so nothing hangs. */
  close(): void {
    for (const t of this.timers.values()) this.clock.clearTimer(t);
    this.timers.clear();
    for (const queue of this.queues.values()) for (const resolve of queue.splice(0)) resolve();
    this.queues.clear();
  }

  private drain(key: string): void {
    if (this.timers.has(key)) return;
    const queue = this.queues.get(key);
    const now = this.clock.now().getTime();
    const recent = (this.sent.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    while (queue?.length && recent.length < this.perMinute) {
      recent.push(now);
      queue.shift()!();
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
