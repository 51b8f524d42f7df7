import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.js";
import { ConfigError } from "../../src/errors.js";
import { readConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { FakeClock } from "./support/fake-clock.js";
import { FakeEngine } from "./support/fake-engine.js";
import { freePort } from "./support/free-port.js";
import { TestChannel } from "./support/test-channel.js";

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function build(env: Record<string, string>, channel = new TestChannel()) {
  const clock = new FakeClock();
  app = await createApp({
    config: readConfig({ SUPERVISORS: "test:boss", ...env }),
    logger: silentLogger,
    clock,
    engine: new FakeEngine(),
    store: openSqliteStore(":memory:"),
    channels: [channel],
  });
  return { app, channel, clock };
}

describe("app", () => {
  it("wires channel → router → store, and serves /healthz on 127.0.0.1", async () => {
    const port = await freePort();
    const { app, channel } = await build({ HEALTH_PORT: String(port) });
    await app.start();
    expect(app.healthPort).toBe(port);

    await channel.deliver(channel.message("各社区请于周五前完成燃气检查"));
    const q = channel.message("@减负助手 燃气检查归社区吗", { mentionsBot: true });
    await channel.deliver(q);
    expect(channel.repliesTo(q.messageId)[0]).toContain("负面清单");

    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      channels: [{ name: "test", started: true, connected: true }],
      store: { writable: true },
      knowledge: app.engine.kb.hash,
      flags: { pending: 1 },
      replies: { queued: 0, held: 0 },
    });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);

    await app.stop();
    expect(channel.started).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it("a channel that fails to start is reported by /healthz, the others serve", async () => {
    const broken = new TestChannel("broken");
    broken.start = async () => {
      throw new Error("login failed");
    };
    const port = await freePort();
    const { app } = await build({ HEALTH_PORT: String(port) }, broken);
    await app.start();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, channels: [{ name: "broken", started: false }] });
  });

  it("HEALTH_PORT=0 turns the endpoint off; a busy port is a ConfigError", async () => {
    const { app } = await build({ HEALTH_PORT: "0" });
    await app.start();
    expect(app.healthPort).toBe(0);
    await app.stop();

    const port = await freePort();
    const first = await build({ HEALTH_PORT: String(port) });
    await first.app.start();
    const second = await createApp({
      config: readConfig({ HEALTH_PORT: String(port) }),
      logger: silentLogger,
      engine: new FakeEngine(),
      store: openSqliteStore(":memory:"),
      channels: [new TestChannel()],
    });
    await expect(second.start()).rejects.toBeInstanceOf(ConfigError);
    await second.stop();
  });

  it("bad DIGEST_TARGETS or DIGEST_CRON fail at start-up with a Chinese message", async () => {
    await expect(build({ DIGEST_TARGETS: "dingtalk-cid123" })).rejects.toThrow(/DIGEST_TARGETS/);
    await expect(build({ DIGEST_CRON: "every day" })).rejects.toThrow(/DIGEST_CRON/);
    await expect(build({ DIGEST_TIMEZONE: "Mars/Base" })).rejects.toThrow(/DIGEST_TIMEZONE/);
  });

  it("the console channel gets an immediate supervisor notice for a flag", async () => {
    const consoleLike = new TestChannel("console");
    const { app, channel } = await build({ HEALTH_PORT: "0", SUPERVISORS: "" }, consoleLike);
    await app.start();
    await channel.deliver(channel.message("各社区请于周五前完成燃气检查", { channel: "console" }));
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0]!.to).toEqual({ kind: "user", id: "督导" });
    expect(channel.sent[0]!.out.text).toContain("【督导提示】新标记 #1");
  });
  it("skips /healthz with a warning when the default port is taken, and fails when the port was chosen", async () => {
    const { createServer } = await import("node:net");
    const port = await freePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const chosen = await build({ HEALTH_PORT: String(port) });
      await expect(chosen.app.start()).rejects.toThrow(ConfigError);
      await chosen.app.stop();
      app = await createApp({
        // As if HEALTH_PORT were unset and its default taken.
        config: { ...readConfig({ SUPERVISORS: "test:boss" }), HEALTH_PORT: port, healthPortExplicit: false },
        logger: silentLogger,
        clock: new FakeClock(),
        engine: new FakeEngine(),
        store: openSqliteStore(":memory:"),
        channels: [new TestChannel()],
      });
      await app.start();
      expect(app.healthPort).toBe(0);
    } finally {
      blocker.close();
    }
  });
});
