import type { JobState, ReplyJob } from "../src/store/inbox-store.js";
import { isStorageFault } from "../src/store/store-error.js";
import type { Channel } from "./channels/channel.js";
import { sleep } from "./clock.js";
import type { BotContext, BotDeps } from "./commands/context.js";
import { jobContext, ReplySkipped } from "./job-context.js";
import { LimiterClosed } from "./rate-limit.js";

export interface ReplyQueueOptions {
  deps: BotDeps;
  /** The running channels by name (filled as they start). */
  channels: Map<string, Channel>;
  /** The pipeline one owed reply runs through. */
  run(ctx: BotContext): Promise<void>;
  /** Chats served at once. Default 64. */
  maxLanes?: number;
}

/**
 * The replies the bot owes, kept in the store (a restart loses none) and sent from it: one job at
 * a time per chat (a lane), in order; at most `maxLanes` chats at once, so memory holds one job
 * per active chat however long the queue. A chat waiting for its rate limit holds up no other.
 */
export class ReplyQueue {
  private readonly active = new Map<string, Promise<void>>();
  private readonly waitingLanes = new Set<string>();
  private readonly waiters = new Map<number, Array<() => void>>();
  private readonly maxLanes: number;
  private stopped = false;

  constructor(private readonly opts: ReplyQueueOptions) {
    this.maxLanes = opts.maxLanes ?? 64;
  }

  get stopping(): boolean {
    return this.stopped;
  }

  /** Replies in flight or waiting for a rate-limit slot. */
  get busy(): number {
    return this.active.size;
  }

  /** Before anything is sent: jobs a previous run left mid-send become `unknown` (logged), never resent. */
  recover(): void {
    const { store, logger } = this.opts.deps;
    try {
      for (const job of store.recoverJobs()) {
        logger.warn({ jobId: job.id, lane: job.lane, part: job.partsSent + 1 }, "上次停止时这条答复正在发送，结果未知，不再重发");
      }
    } catch (err) {
      // A full disk at start-up: those jobs stay marked as sending (so never resent) until a later start.
      logger.error({ err }, "数据库无法写入，未能整理上次中断的答复");
    }
  }

  /** Once the channels are up: the replies a previous run still owed go out. */
  resume(): void {
    for (const lane of this.opts.deps.store.queuedLanes(100_000)) this.wake(lane);
  }

  /** A job was stored; resolves once it is done with (sent, skipped, given up, or left for the next start). */
  enqueue(jobId: number, lane: string): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
    if (this.stopped) this.settle(jobId);
    else this.wake(lane);
    return done;
  }

  /**
   * Stops taking jobs; lets the ones in flight finish for up to `graceMs` (those waiting for a rate
   * slot are released by the limiter closing, and stay owed). Logs what is left for the next start.
   */
  async stop(graceMs: number): Promise<number> {
    this.stopped = true;
    const { clock, store, logger, limiter } = this.opts.deps;
    // Replies waiting for a slot are not rushed out past the rate limit: they stay owed.
    limiter.close();
    let timer: unknown;
    await Promise.race([
      Promise.allSettled([...this.active.values()]),
      new Promise<void>((resolve) => (timer = clock.setTimer(resolve, graceMs))),
    ]);
    clock.clearTimer(timer);
    for (const id of [...this.waiters.keys()]) this.settle(id);
    let owed = 0;
    try {
      owed = store.countJobs("queued");
    } catch {
      owed = -1;
    }
    if (owed !== 0) logger.warn({ owed, stillSending: this.active.size }, "仍有答复未发出：已保存，下次启动时发送");
    return owed;
  }

  private wake(lane: string): void {
    if (this.stopped || this.active.has(lane)) return;
    if (this.active.size >= this.maxLanes) {
      this.waitingLanes.add(lane);
      return;
    }
    this.waitingLanes.delete(lane);
    const loop = this.serve(lane).finally(() => {
      this.active.delete(lane);
      const next = this.waitingLanes.values().next();
      if (!next.done) this.wake(next.value);
    });
    this.active.set(lane, loop);
  }

  /** Sends a lane's jobs one after another until none is queued. */
  private async serve(lane: string): Promise<void> {
    const { store, logger, clock } = this.opts.deps;
    for (let faults = 0; !this.stopped; ) {
      try {
        const job = store.nextJob(lane);
        if (!job) return;
        const channel = this.opts.channels.get(job.channel);
        if (!channel) {
          logger.warn({ lane, channel: job.channel }, "渠道未启动，答复留待下次");
          this.settle(job.id);
          return;
        }
        await this.runJob(job, channel);
        faults = 0;
        this.settle(job.id);
      } catch (err) {
        if (!isStorageFault(err)) {
          logger.error({ err, lane }, "答复队列出错");
          return;
        }
        // The store cannot write: the job stays queued; try the lane again in a while.
        faults += 1;
        logger.error({ err, lane }, "数据库无法写入，答复稍后再发");
        await sleep(clock, Math.min(30_000, 500 * 2 ** faults));
      }
    }
  }

  private async runJob(job: ReplyJob, channel: Channel): Promise<void> {
    const { deps } = this.opts;
    const ctx = jobContext(deps, channel, job);
    let state: Exclude<JobState, "queued" | "sending">;
    try {
      await this.opts.run(ctx);
      state = ctx.uncertain ? "unknown" : "done";
    } catch (err) {
      if (err instanceof LimiterClosed) return; // Shutdown: still owed, sent after the restart.
      if (isStorageFault(err)) throw err;
      if (err instanceof ReplySkipped) state = "skipped";
      else {
        state = ctx.uncertain ? "unknown" : "failed";
        const what = state === "unknown" ? "答复发送结果未知，不再重发" : "答复未能发出";
        deps.logger.error({ err, jobId: job.id, lane: job.lane, state }, what);
      }
    }
    deps.store.finishJob(job.id, state);
  }

  private settle(jobId: number): void {
    for (const resolve of this.waiters.get(jobId) ?? []) resolve();
    this.waiters.delete(jobId);
  }
}
