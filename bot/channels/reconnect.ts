import type { Logger } from "../../src/logger.js";

/** Exponential backoff with jitter and a cap. */
export interface BackoffOptions {
  /** First delay. Default 1 s. */
  initialMs?: number;
  /** Longest delay. Default 60 s. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Share of the delay that is random, 0..1. Default 0.5. */
  jitter?: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (0-based): grows by `factor`, capped at `maxMs`, partly random. */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? 1000;
  const max = opts.maxMs ?? 60_000;
  const jitter = Math.min(Math.max(opts.jitter ?? 0.5, 0), 1);
  const random = opts.random ?? Math.random;
  const base = Math.min(max, initial * (opts.factor ?? 2) ** Math.max(0, attempt));
  return Math.round(base * (1 - jitter) + base * jitter * random());
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ReconnectLoopOptions {
  /** One connection attempt; rejects when it failed. */
  connect: () => Promise<void>;
  backoff?: BackoffOptions;
  /** A connection that stayed up this long resets the backoff. Default 30 s. */
  stableMs?: number;
  /** An error that retrying cannot fix (bad credentials): the first attempt throws it instead. */
  isFatal?: (err: unknown) => boolean;
  logger: Logger;
  now?: () => number;
}

/**
 * Keeps a connection up: connects, and after a failure or a drop waits a growing, jittered delay
 * before the next attempt. One timer at most; `stop()` clears it and no attempt starts after.
 */
export class ReconnectLoop {
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private connectedAt = 0;
  private stopped = false;
  private connecting = false;

  constructor(private readonly opts: ReconnectLoopOptions) {}

  /**
   * Tries once now; resolves true when connected, false when it failed and retries later.
   * Throws (and stops) when that first failure is fatal.
   */
  async start(): Promise<boolean> {
    this.stopped = false;
    return this.run(true);
  }

  /** Call when an established connection closed without stop(). */
  dropped(): void {
    if (this.stopped) return;
    const now = (this.opts.now ?? Date.now)();
    if (this.connectedAt && now - this.connectedAt >= (this.opts.stableMs ?? 30_000)) this.attempt = 0;
    this.connectedAt = 0;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private async run(first = false): Promise<boolean> {
    if (this.stopped || this.connecting) return false;
    this.connecting = true;
    try {
      await this.opts.connect();
      this.connectedAt = (this.opts.now ?? Date.now)();
      return true;
    } catch (err) {
      if (first && this.opts.isFatal?.(err)) {
        this.stop();
        throw err;
      }
      if (!this.stopped) {
        this.opts.logger.warn({ err: String(err), attempt: this.attempt + 1 }, "connect failed, will retry");
        this.schedule((err as { retryAfterMs?: number }).retryAfterMs);
      }
      return false;
    } finally {
      this.connecting = false;
    }
  }

  private schedule(asked?: number): void {
    if (this.stopped || this.timer) return;
    // A Retry-After from the server is honoured, up to the longest backoff.
    const delay = Math.max(backoffDelay(this.attempt++, this.opts.backoff), Math.min(asked ?? 0, this.opts.backoff?.maxMs ?? 60_000));
    this.opts.logger.info({ delayMs: delay }, "reconnect scheduled");
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }
}
