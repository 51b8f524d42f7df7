import type { Logger } from "../src/logger.js";
import type { DigestMessage } from "../src/store/digest-store.js";
import type { Store } from "../src/store/store.js";
import type { Channel, SendTarget } from "./channels/channel.js";
import { outcomeUnknown, SendError } from "./channels/send-error.js";
import { sleep, type Clock } from "./clock.js";

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

/**
 * Sends one recipient's digest part by part, each part's fate recorded in the store: a part sent
 * is never sent again (after a failure of a later part, or a restart), a part refused is retried
 * with backoff (honouring Retry-After), and a part whose outcome is unknown (a timeout) is not
 * retried blindly but counted as gone out.
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

  /** Stops retrying (shutdown): a delivery gives up after its current try. */
  stop(): void {
    this.stopped = true;
  }

  /** Sends the parts not yet out; true when every part went out (or may have). */
  async deliver(m: DigestMessage, channel: Channel, target: SendTarget): Promise<boolean> {
    const { store, logger, clock } = this.opts;
    for (const [index, part] of m.parts.entries()) {
      if (m.partStates[index] === "sent" || m.partStates[index] === "unknown") continue;
      for (let attempt = 1; ; attempt++) {
        store.setDigestPart(m.id, index, "sending");
        try {
          await channel.send(target, part);
          store.setDigestPart(m.id, index, "sent");
          break;
        } catch (err) {
          const where = { err, recipient: m.recipient, part: index + 1, of: m.parts.length, attempt };
          if (outcomeUnknown(err)) {
            store.setDigestPart(m.id, index, "unknown");
            logger.warn(where, "汇总这一部分发送结果未知（可能已送达），不再重发");
            break;
          }
          store.setDigestPart(m.id, index, "pending");
          const last = attempt >= this.attempts || this.stopped;
          logger.warn({ ...where, giveUp: last }, "汇总发送失败");
          if (last) {
            store.digestAttemptFailed(m.id);
            return false;
          }
          const asked = err instanceof SendError ? (err.retryAfterMs ?? 0) : 0;
          await sleep(clock, Math.max(asked, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1))));
        }
      }
    }
    return true;
  }
}
