import { createRouter, type Router } from "../../../bot/router.js";
import type { BotDeps, Step } from "../../../bot/commands/context.js";
import { FollowupMemory } from "../../../bot/followups.js";
import { RateLimiter } from "../../../bot/rate-limit.js";
import { readConfig, type Config } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
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

/** The router over an in-memory channel, a fake clock, the scripted engine and an in-memory SQLite store. */
export async function createTestBot(
  env: Record<string, string> = {},
  opts: { steps?: Step[]; channel?: TestChannel; notify?: boolean } = {},
): Promise<TestBot> {
  const clock = new FakeClock();
  const config = readConfig({ HEALTH_PORT: "0", SUPERVISORS: "test:boss", ...env });
  const engine = new FakeEngine();
  const store = openSqliteStore(":memory:", { now: () => clock.now() });
  const channel = opts.channel ?? new TestChannel();
  const deps: BotDeps = {
    config,
    logger: silentLogger,
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
  await channel.start(router.handlerFor(channel));
  return { channel, clock, engine, store, config, deps, router };
}
