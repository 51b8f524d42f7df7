import { Cron } from "croner";
import type { Config } from "../src/config.js";
import { ConfigError } from "../src/errors.js";
import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import type { Logger } from "../src/logger.js";
import { retentionCutoff } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import type { Channel } from "./channels/channel.js";
import type { Clock } from "./clock.js";
import { digestTargets, parseDigestTarget } from "./digest-targets.js";
import type { DigestOutcome, Outbox } from "./outbox.js";
import { fitToChannel, formatDigest } from "./reply-format.js";

/** Retention runs daily at this time (in DIGEST_TIMEZONE), and once at start. */
const RETENTION_CRON = "30 3 * * *";

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

/** One digest run: how many flags it covered and what became of them. */
export interface DigestRun extends DigestOutcome {
  flags: number;
}

/** The digest schedule and daily retention. `runDigest` is public so tests trigger it directly. */
export class Scheduler {
  private jobs: Cron[] = [];
  private running: Promise<DigestRun> | undefined;

  constructor(private readonly opts: SchedulerOptions) {
    // Fail at start-up, not at 18:00.
    opts.config.DIGEST_TARGETS.forEach(parseDigestTarget);
    try {
      new Cron(opts.config.DIGEST_CRON, { timezone: opts.config.DIGEST_TIMEZONE, paused: true }).nextRun();
    } catch (err) {
      throw new ConfigError(
        `配置有误：DIGEST_CRON（${opts.config.DIGEST_CRON}）或 DIGEST_TIMEZONE（${opts.config.DIGEST_TIMEZONE}）无效，例如 “0 18 * * *” 与 “Asia/Shanghai”`,
        { cause: err },
      );
    }
  }

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

  /** When the next scheduled digest goes out (null when not started). */
  nextDigestAt(): Date | null {
    return this.jobs[0]?.nextRun() ?? null;
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }

  /** Sends every unsent new/confirmed flag to the digest recipients. One run at a time. */
  runDigest(): Promise<DigestRun> {
    this.running ??= this.digestOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Deletes flags older than FLAG_RETENTION_DAYS; returns how many went. */
  runRetention(): number {
    const { store, clock, config, logger } = this.opts;
    try {
      const purged = store.purgeBefore(retentionCutoff(config.FLAG_RETENTION_DAYS, clock.now()));
      if (purged) logger.info({ purged, days: config.FLAG_RETENTION_DAYS }, "已清理过期标记");
      return purged;
    } catch (err) {
      logger.error({ err }, "清理过期标记失败");
      return 0;
    }
  }

  private async digestOnce(): Promise<DigestRun> {
    const { store, kb, channels, outbox, clock, logger, config } = this.opts;
    const flags = store.listFlags({ unsent: true, status: ["new", "confirmed"] });
    if (flags.length === 0) {
      logger.info("没有新的标记，今天不发汇总");
      return { flags: 0, sent: false, delivered: [], failed: [] };
    }
    const targets = digestTargets(config, [...channels.keys()]);
    if (targets.length === 0) {
      logger.warn("没有可用的汇总接收人：请设置 DIGEST_TARGETS 或 SUPERVISORS");
      return { flags: flags.length, sent: false, delivered: [], failed: [] };
    }
    const message = formatDigest(kb, flags, clock.now(), config.DIGEST_TIMEZONE);
    const deliveries = targets.map((t) => {
      const channel = channels.get(t.channel)!;
      return { channel, target: t.target, label: t.label, parts: fitToChannel(message, channel) };
    });
    const outcome = await outbox.deliverDigest(
      flags.map((f) => f.id),
      deliveries,
    );
    return { flags: flags.length, ...outcome };
  }
}
