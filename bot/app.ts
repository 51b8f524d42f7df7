import { ConfigError } from "../src/errors.js";
import type { Config } from "../src/config.js";
import { createEngine, type Engine } from "../src/engine.js";
import { createLogger, secretsOf, type Logger } from "../src/logger.js";
import { pendingQuery } from "../src/store/flag-query.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import type { Channel } from "./channels/channel.js";
import { createChannels, type ChannelIo } from "./channel-factory.js";
import { systemClock, type Clock } from "./clock.js";
import type { BotDeps } from "./commands/context.js";
import { notifiesOn, supervisorNotifier } from "./commands/notify.js";
import { FollowupMemory } from "./followups.js";
import { HealthServer, type HealthStatus } from "./health.js";
import { Outbox, type OutboxOptions } from "./outbox.js";
import { RateLimiter } from "./rate-limit.js";
import { createRouter, type Router } from "./router.js";
import { Scheduler, type DigestRun } from "./scheduler.js";

/** What createApp needs; everything but config has a default, so tests replace only the network edge. */
export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  engine?: Engine;
  store?: Store;
  /** Ready-made channels (tests); default: the channels config.channels names. */
  channels?: Channel[];
  /** Streams for the console channel; default the process's stdin/stdout. */
  io?: ChannelIo;
  /** Outbox retry settings; tests shorten the backoff. */
  outbox?: Pick<OutboxOptions, "attempts" | "baseDelayMs" | "maxDelayMs">;
  /** Health endpoint host; default 127.0.0.1. */
  healthHost?: string;
}

/** The running bot, wired. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly engine: Engine;
  readonly store: Store;
  readonly channels: Channel[];
  readonly router: Router;
  readonly scheduler: Scheduler;
  readonly outbox: Outbox;
  readonly deps: BotDeps;
  /** The health endpoint's port after start (0 when off). */
  readonly healthPort: number;
  /** The digest made up at start-up (a slot missed while down, or one left half sent), if any. */
  readonly catchingUp: Promise<DigestRun | undefined>;
  /** What /healthz reports. */
  health(): HealthStatus;
  /**
   * Resolves when every channel has run out of input (the console with piped stdin), so the
   * process can stop; undefined when a channel runs until stopped (DingTalk, WeChat).
   */
  readonly done: Promise<void> | undefined;
  /** Starts everything. Throws ConfigError when a platform refuses the credentials. */
  start(): Promise<void>;
  /**
   * Stops within SHUTDOWN_SECONDS: replies in flight finish, those waiting for the rate limit stay
   * owed for the next start (and are logged); then channels, the health endpoint, the store.
   */
  stop(): Promise<void>;
}

/** The one wiring point: config → logger → knowledge/engine → store → channels → router → scheduler → health. */
export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL, secretsOf(config));
  const clock = opts.clock ?? systemClock;
  const engine = opts.engine ?? (await createEngine({ config, logger }));
  const store = opts.store ?? openStore(config, { now: () => clock.now() });
  const channels = opts.channels ?? (await createChannels(config, logger, opts.io));
  const byName = new Map(channels.map((c) => [c.name, c]));
  const deps: BotDeps = {
    config,
    logger,
    engine,
    store,
    clock,
    followups: new FollowupMemory(config.FOLLOWUP_SECONDS, clock),
    limiter: new RateLimiter(config.REPLIES_PER_MINUTE, clock),
    notifyFlag: supervisorNotifier(config, engine.kb),
    notifiesOn,
  };
  const router = createRouter(deps);
  const outbox = new Outbox({ store, clock, logger, ...opts.outbox });
  const scheduler = new Scheduler({ config, store, kb: engine.kb, channels: byName, outbox, clock, logger });
  const started = new Set<string>();
  let catchingUp: Promise<DigestRun | undefined> = Promise.resolve(undefined);

  const health = (): HealthStatus => {
    const names = channels.map((c) => ({ name: c.name, started: started.has(c.name), connected: started.has(c.name) && c.connected }));
    const writable = store.checkWritable();
    return {
      ok: names.every((c) => c.connected) && writable.writable,
      channels: names,
      store: writable,
      knowledge: engine.kb.hash,
      flags: { pending: store.countFlags(pendingQuery()) },
      replies: { queued: store.countJobs("queued"), held: router.held },
    };
  };
  const healthServer = new HealthServer({ port: config.HEALTH_PORT, host: opts.healthHost, status: health });
  let healthPort = 0;
  const finite = channels.map((c) => (c as Channel & { done?: Promise<void> }).done);
  const done = finite.every((d) => d instanceof Promise) ? Promise.all(finite).then(() => {}) : undefined;
  let stopping: Promise<void> | undefined;

  async function startChannels(): Promise<void> {
    // Channels start side by side; one that fails is logged and the others still serve, but
    // credentials a platform refuses stop the start: retrying cannot mend them.
    const results = await Promise.allSettled(
      channels.map(async (channel) => {
        try {
          await channel.start(router.handlerFor(channel));
          started.add(channel.name);
          logger.info({ channel: channel.name }, "渠道已启动");
        } catch (err) {
          logger.error({ err, channel: channel.name }, "渠道启动失败");
          throw err;
        }
      }),
    );
    const fatal = results.find((r) => r.status === "rejected" && r.reason instanceof ConfigError);
    if (fatal) throw (fatal as PromiseRejectedResult).reason;
  }

  return {
    config,
    logger,
    engine,
    store,
    channels,
    router,
    scheduler,
    outbox,
    deps,
    get healthPort() {
      return healthPort;
    },
    get catchingUp() {
      return catchingUp;
    },
    health,
    done,

    async start() {
      try {
        healthPort = await healthServer.start();
      } catch (err) {
        // The default port being taken must not stop a newcomer's first `npm start`; a chosen one must.
        if (config.healthPortExplicit || !(err instanceof ConfigError)) throw err;
        logger.warn({ port: config.HEALTH_PORT }, "健康检查端口被占用，已跳过 /healthz（可设置 HEALTH_PORT 换一个端口）");
      }
      router.queue.recover();
      scheduler.start();
      await startChannels();
      router.queue.resume();
      catchingUp = scheduler.catchUp().catch((err: unknown) => {
        logger.error({ err }, "补发汇总失败");
        return undefined;
      });
      logger.info({ channels: [...started], healthPort, knowledge: engine.kb.hash }, "减负助手已启动");
    },

    stop() {
      stopping ??= (async () => {
        const budget = config.SHUTDOWN_SECONDS * 1000;
        scheduler.stop();
        outbox.stop();
        // Channels keep taking messages in (stored, acked) while replies in flight finish.
        await router.queue.stop(budget * 0.6);
        const results = await Promise.allSettled(channels.map((c) => withTimeout(c.stop(), budget * 0.3)));
        results.forEach((r, i) => {
          if (r.status === "rejected") logger.warn({ err: r.reason, channel: channels[i]!.name }, "渠道停止时出错");
        });
        started.clear();
        await healthServer.stop();
        store.close();
        logger.info("减负助手已停止");
      })();
      return stopping;
    },
  };
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`未能在 ${Math.round(ms)} ms 内停止`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
