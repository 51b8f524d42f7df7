import type { Logger } from "../src/logger.js";
import type { Store } from "../src/store/store.js";
import type { OutgoingMessage } from "../src/types.js";
import type { Channel, SendTarget } from "./channels/channel.js";
import { sleep, type Clock } from "./clock.js";

/** One proactive message for one recipient. */
export interface Delivery {
  channel: Channel;
  target: SendTarget;
  /** How the store records the recipient, e.g. `dingtalk:group:cid123`. */
  label: string;
  /** Parts in order (already fitted to the channel). */
  parts: OutgoingMessage[];
}

/** What the outbox needs: the store (its memory), a clock for backoff, and retry bounds. */
export interface OutboxOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Tries per part, the first included. Default 5. */
  attempts?: number;
  /** First retry delay; doubles each time up to maxDelayMs. Default 2 s, cap 60 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** What happened to one digest. */
export interface DigestOutcome {
  /** Every recipient accepted every part, and the flags were marked sent. */
  sent: boolean;
  delivered: string[];
  failed: string[];
}

/**
 * Sends proactive messages with bounded retries and backoff. The store is the outbox's memory:
 * flags are marked sent only after every recipient's channel.send resolved, so when all attempts
 * fail they stay unsent and the next run sends them again; nothing is lost.
 */
export class Outbox {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private stopped = false;

  constructor(private readonly opts: OutboxOptions) {
    this.attempts = Math.max(1, opts.attempts ?? 5);
    this.baseDelayMs = opts.baseDelayMs ?? 2_000;
    this.maxDelayMs = opts.maxDelayMs ?? 60_000;
  }

  /** Stops retrying (shutdown): pending deliveries give up after their current try. */
  stop(): void {
    this.stopped = true;
  }

  /** Sends each part, retrying a failed part; resolves true when all parts were accepted. */
  async deliver(d: Delivery): Promise<boolean> {
    const { logger, clock } = this.opts;
    for (const [index, part] of d.parts.entries()) {
      for (let attempt = 1; ; attempt++) {
        try {
          await d.channel.send(d.target, part);
          break;
        } catch (err) {
          const last = attempt >= this.attempts || this.stopped;
          logger.warn({ err, target: d.label, part: index + 1, attempt, giveUp: last }, "主动消息发送失败");
          if (last) return false;
          await sleep(clock, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
        }
      }
    }
    return true;
  }

  /**
   * Sends a digest of `flagIds` to every recipient and marks the flags sent (once per
   * recipient, recorded in the store) only when all of them accepted it.
   */
  async deliverDigest(flagIds: number[], deliveries: Delivery[]): Promise<DigestOutcome> {
    const { store, clock, logger } = this.opts;
    const delivered: string[] = [];
    const failed: string[] = [];
    for (const d of deliveries) ((await this.deliver(d)) ? delivered : failed).push(d.label);
    const sent = deliveries.length > 0 && failed.length === 0;
    if (sent) {
      const now = clock.now();
      for (const label of delivered) store.markDigestSent(flagIds, label, now);
      logger.info({ flags: flagIds.length, targets: delivered }, "汇总已发送");
    } else {
      logger.error({ flags: flagIds.length, delivered, failed }, "汇总未能全部送达，标记保留到下次发送");
    }
    return { sent, delivered, failed };
  }
}
