import { Cron } from "croner";
import type { Config } from "../src/config.js";
import { digestFromStore, digestMessage } from "../src/digest/index.js";
import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import type { Logger } from "../src/logger.js";
import type { DigestMessage } from "../src/store/digest-store.js";
import { pendingQuery } from "../src/store/flag-query.js";
import { retentionCutoff } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import type { Channel } from "./channels/channel.js";
import type { Clock } from "./clock.js";
import { CHAT_DIGEST_ENTRIES } from "./commands/supervisor.js";
import { digestTargets, type DigestTarget } from "./digest-targets.js";
import type { Outbox } from "./outbox.js";
import { fitToChannel } from "./reply-format.js";

/** Retention (old flags, handled message ids) runs hourly, and once at start. */
const RETENTION_CRON = "30 * * * *";
/** Handled message ids are kept this long: far longer than DingTalk redelivers (about a minute). */
const SEEN_TTL_MS = 24 * 3_600_000;
/** A recipient whose digest failed is tried again after this long, doubling up to an hour. */
const RETRY_MS = 5 * 60_000;
/** Meta key: the time up to which digest slots have been handled. */
const CHECKED = "digest.checked_at";

/** The scheduler's dependencies, injected by bot/app.ts. */
export interface SchedulerOptions {
  config: Pick<Config, "DIGEST_CRON" | "DIGEST_TIMEZONE" | "DIGEST_TARGETS" | "SUPERVISORS" | "FLAG_RETENTION_DAYS">;
  store: Store;
  kb: KnowledgeBase;
  /** The running channels by name. */
  channels: Map<string, Channel>;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}

/** One digest run: which recipients got theirs. */
export interface DigestRun {
  /** The most flags one recipient's digest covered. */
  flags: number;
  /** Every recipient with something to receive got all of it. */
  sent: boolean;
  delivered: string[];
  failed: string[];
}

/**
 * The digest schedule and daily retention. Each recipient's digest is its own, recorded per part:
 * one that fails is retried later without the others receiving theirs again. A slot missed while
 * the bot was down is made up at start-up. `runDigest` is public so tests trigger it directly.
 */
export class Scheduler {
  private jobs: Cron[] = [];
  private running: Promise<DigestRun> | undefined;
  private retry: { timer: unknown; delayMs: number } | undefined;

  constructor(private readonly opts: SchedulerOptions) {}

  start(): void {
    const { config, logger } = this.opts;
    const timezone = config.DIGEST_TIMEZONE;
    const catchErr = (err: unknown) => logger.error({ err }, "定时任务失败");
    this.jobs.push(
      new Cron(config.DIGEST_CRON, { timezone, protect: true, catch: catchErr }, () => this.runDigest().then(() => {})),
      new Cron(RETENTION_CRON, { timezone, protect: true, catch: catchErr }, () => void this.runRetention()),
    );
    this.runRetention();
    logger.info({ cron: config.DIGEST_CRON, timezone, next: this.jobs[0]!.nextRun()?.toISOString() }, "汇总定时已启动");
  }

  /**
   * At start-up, once the channels are up: finishes digests a previous run left half sent, and
   * sends the digest now if a scheduled time passed while the bot was down.
   */
  async catchUp(): Promise<DigestRun | undefined> {
    const { store, clock, config, logger } = this.opts;
    const checked = store.getMeta(CHECKED);
    const since = checked ? new Date(Number(checked)) : store.summarizeFlags(pendingQuery()).earliest;
    const slot = since && new Cron(config.DIGEST_CRON, { timezone: config.DIGEST_TIMEZONE, paused: true }).nextRun(since);
    const missed = Boolean(slot && slot.getTime() <= clock.now().getTime());
    if (!missed && store.openDigestMessages().length === 0) {
      if (!checked) store.setMeta(CHECKED, String(clock.now().getTime()));
      return undefined;
    }
    logger.info({ missed: slot?.toISOString() }, missed ? "补发停机期间错过的汇总" : "续发上次未发完的汇总");
    return this.runDigest();
  }

  /** When the next scheduled digest goes out (null when not started). */
  nextDigestAt(): Date | null {
    return this.jobs[0]?.nextRun() ?? null;
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
    if (this.retry) this.opts.clock.clearTimer(this.retry.timer);
    this.retry = undefined;
  }

  /** Sends each recipient the flags pending for them (and finishes half-sent digests). One run at a time. */
  runDigest(): Promise<DigestRun> {
    this.running ??= this.digestOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Deletes flags older than FLAG_RETENTION_DAYS and handled message ids older than a day. */
  runRetention(): number {
    const { store, clock, config, logger } = this.opts;
    try {
      const purged = store.purgeBefore(retentionCutoff(config.FLAG_RETENTION_DAYS, clock.now()));
      store.purgeSeen(new Date(clock.now().getTime() - SEEN_TTL_MS));
      if (purged) logger.info({ purged, days: config.FLAG_RETENTION_DAYS }, "已清理过期标记");
      return purged;
    } catch (err) {
      logger.error({ err }, "清理过期标记失败");
      return 0;
    }
  }

  private async digestOnce(): Promise<DigestRun> {
    const { store, channels, outbox, clock, logger, config } = this.opts;
    store.setMeta(CHECKED, String(clock.now().getTime()));
    const targets = digestTargets(config, [...channels.keys()]);
    if (targets.length === 0) {
      const pending = store.countFlags(pendingQuery());
      if (pending) logger.warn("没有可用的汇总接收人：请设置 DIGEST_TARGETS 或 SUPERVISORS");
      return { flags: pending, sent: false, delivered: [], failed: [] };
    }
    const open = new Map(store.openDigestMessages().map((m) => [m.recipient, m]));
    const run: DigestRun = { flags: 0, sent: false, delivered: [], failed: [] };
    for (const t of targets) {
      const channel = channels.get(t.channel)!;
      const message = open.get(t.label) ?? this.compose(t, channel);
      if (!message) continue;
      if (await outbox.deliver(message, channel, t.target)) {
        run.flags = Math.max(run.flags, store.finishDigestMessage(message.id, clock.now()));
        run.delivered.push(t.label);
      } else {
        run.flags = Math.max(run.flags, message.flagCount);
        run.failed.push(t.label);
      }
    }
    run.sent = run.delivered.length > 0 && run.failed.length === 0;
    if (run.delivered.length) logger.info({ flags: run.flags, recipients: run.delivered }, "汇总已发送");
    if (run.failed.length) logger.error({ failed: run.failed, delivered: run.delivered }, "部分接收人的汇总未能送达，稍后重试");
    if (!run.delivered.length && !run.failed.length) logger.info("没有新的标记，不发汇总");
    this.retryLater(run.failed.length > 0);
    return run;
  }

  /** The recipient's digest of what is pending for them, stored before the first part goes out. */
  private compose(t: DigestTarget, channel: Channel): DigestMessage | undefined {
    const { store, clock, config, kb } = this.opts;
    const digest = digestFromStore(store, {
      query: pendingQuery({ recipient: t.label }),
      maxEntries: CHAT_DIGEST_ENTRIES,
      now: clock.now(),
      timeZone: config.DIGEST_TIMEZONE,
      describe: (id) => kb.item(id)?.text,
    });
    if (digest.total === 0) return undefined;
    const parts = fitToChannel(digestMessage(digest), channel);
    return store.createDigestMessage({ recipient: t.label, maxFlagId: digest.maxFlagId, flagCount: digest.total, parts });
  }

  /** A failed recipient is tried again after a while (5 min, doubling to an hour); success resets it. */
  private retryLater(failed: boolean): void {
    const { clock } = this.opts;
    if (this.retry) clock.clearTimer(this.retry.timer);
    if (!failed || this.jobs.length === 0) {
      this.retry = undefined;
      return;
    }
    const delayMs = Math.min(3_600_000, this.retry ? this.retry.delayMs * 2 : RETRY_MS);
    this.retry = { delayMs, timer: clock.setTimer(() => void this.runDigest(), delayMs) };
  }
}
