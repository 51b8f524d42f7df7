import { createRouter, type Router } from "../../../bot/router.js";
import type { BotDeps, Step } from "../../../bot/commands/context.js";
import { FollowupMemory } from "../../../bot/followups.js";
import { RateLimiter } from "../../../bot/rate-limit.js";
import { readConfig, type Config } from "../../../src/config.js";
import { silentLogger, type Logger } from "../../../src/logger.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/sqlite-store.js";
import { FakeClock } from "./fake-clock.js";
import { FakeEngine } from "./fake-engine.js";
import { TestChannel } from "./test-channel.js";

export interface TestBot {
  channel: TestChannel;
  clock: FakeClock;
  engine: FakeEngine;
  store: SqliteStore;
  config: Config;
  deps: BotDeps;
  router: Router;
}

export interface TestBotOptions {
  steps?: Step[];
  channel?: TestChannel;
  notify?: boolean;
  /** A database file, to run a second bot on what the first left. Default in memory. */
  storePath?: string;
  clock?: FakeClock;
  logger?: Logger;
}

/** The router over an in-memory channel, a fake clock, the scripted engine and a SQLite store. */
export async function createTestBot(env: Record<string, string> = {}, opts: TestBotOptions = {}): Promise<TestBot> {
  const clock = opts.clock ?? new FakeClock();
  const config = readConfig({ HEALTH_PORT: "0", SUPERVISORS: "test:boss", ...env });
  const engine = new FakeEngine();
  const store = openSqliteStore(opts.storePath ?? ":memory:", { now: () => clock.now() });
  const channel = opts.channel ?? new TestChannel();
  const deps: BotDeps = {
    config,
    logger: opts.logger ?? silentLogger,
    engine,
    store,
    clock,
    followups: new FollowupMemory(config.FOLLOWUP_SECONDS, clock),
    limiter: new RateLimiter(config.REPLIES_PER_MINUTE, clock),
  };
  if (opts.notify) {
    deps.notifyFlag = async (ch, flag) => ch.send({ kind: "user", id: "boss" }, { text: `notice #${flag.id}` });
  }
  const router = createRouter(deps, opts.steps);
  router.queue.recover();
  await channel.start(router.handlerFor(channel));
  router.queue.resume();
  return { channel, clock, engine, store, config, deps, router };
}
