import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SendError } from "../../bot/channels/send-error.js";
import { APOLOGY } from "../../src/errors.js";
import { captureLogs } from "../support/log-capture.js";
import { FakeClock, flush } from "./support/fake-clock.js";
import { createTestBot } from "./support/harness.js";
import { TestChannel } from "./support/test-channel.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "jianfu-delivery-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const question = (channel: TestChannel, n: number) =>
  channel.message(`@减负助手 燃气检查归社区吗（第${n}问）`, { mentionsBot: true, messageId: `q${n}` });

describe("exactly-once replies", () => {
  it("a reply whose send timed out (outcome unknown) is not sent again and no apology follows it", async () => {
    const bot = await createTestBot();
    bot.channel.failReplies = 1;
    bot.channel.replyError = () => new SendError("钉钉接口超时，结果未知", "unknown");
    const q = question(bot.channel, 1);
    await bot.channel.deliver(q);
    expect(bot.channel.replyAttempts).toBe(1);
    expect(bot.channel.sent).toEqual([]);
    expect(bot.store.countJobs("unknown")).toBe(1);
    // A redelivery of the same message changes nothing.
    await bot.channel.deliver(q);
    expect(bot.channel.replyAttempts).toBe(1);
  });

  it("a refused reply gets no second try from the queue, and the apology says so once", async () => {
    const bot = await createTestBot();
    bot.channel.failReplies = 1;
    const q = question(bot.channel, 1);
    await bot.channel.deliver(q);
    expect(bot.channel.repliesTo(q.messageId)).toEqual([APOLOGY]);
    expect(bot.channel.replyAttempts).toBe(2);
  });

  it("questions acked but still unanswered at shutdown are answered after the restart, each once", async () => {
    const storePath = join(dir, "jianfu.db");
    const clock = new FakeClock();
    const first = await createTestBot({ REPLIES_PER_MINUTE: "2" }, { storePath, clock });
    const taken = [];
    for (let n = 1; n <= 6; n++) taken.push(await first.channel.take(question(first.channel, n)));
    await flush();
    expect(first.channel.sent).toHaveLength(2);
    const logs = captureLogs();
    first.deps.logger = logs.logger;
    expect(await first.router.queue.stop(1_000)).toBe(4);
    await Promise.all(taken.map((t) => t.answered));
    expect(first.channel.sent).toHaveLength(2);
    expect(logs.lines().find((l) => l.msg === "仍有答复未发出：已保存，下次启动时发送")).toMatchObject({ owed: 4 });
    first.store.close();

    const second = await createTestBot({ REPLIES_PER_MINUTE: "2" }, { storePath, clock });
    await clock.advance(3 * 60_000);
    const answered = [...first.channel.sent, ...second.channel.sent].map((s) => (s.to as { messageId: string }).messageId);
    expect(answered.sort()).toEqual(["q1", "q2", "q3", "q4", "q5", "q6"]);
    second.store.close();
  });

  it("a reply caught mid-send by a crash is outcome unknown after the restart, never sent twice", async () => {
    const storePath = join(dir, "jianfu.db");
    const first = await createTestBot({}, { storePath });
    let release!: () => void;
    first.channel.reply = () => new Promise<void>((resolve) => (release = resolve));
    await first.channel.take(question(first.channel, 1));
    await flush();
    expect(first.store.countJobs("sending")).toBe(1);
    first.store.close(); // the process dies with the send in flight
    release();

    const second = await createTestBot({}, { storePath });
    await flush();
    expect(second.channel.sent).toEqual([]);
    expect(second.store.countJobs("unknown")).toBe(1);
    second.store.close();
  });
});

describe("replies under load", () => {
  it("chit-chat never uses up a group's reply budget: the question after it is answered at once", async () => {
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "4" });
    for (let n = 1; n <= 6; n++) await bot.channel.deliver(bot.channel.message("@减负助手 谢谢！", { mentionsBot: true }));
    expect(bot.channel.sent.length).toBeLessThanOrEqual(2);
    expect(bot.store.countJobs("skipped")).toBeGreaterThanOrEqual(4);
    const q = question(bot.channel, 1);
    await bot.channel.deliver(q);
    expect(bot.channel.repliesTo(q.messageId)[0]).toContain("负面清单");
  });

  it("an answer found out of scope is chit-chat too", async () => {
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "2" });
    for (let n = 1; n <= 3; n++) await bot.channel.deliver(bot.channel.message(`@减负助手 今天吃什么${n}`, { mentionsBot: true }));
    expect(bot.channel.sent).toHaveLength(1);
    const q = question(bot.channel, 1);
    await bot.channel.deliver(q);
    expect(bot.channel.repliesTo(q.messageId)).toHaveLength(1);
  });

  it("the reply queue keeps one job per chat in memory, however many are owed", async () => {
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "1" });
    for (let n = 1; n <= 300; n++) await bot.channel.take(question(bot.channel, n));
    await flush();
    expect(bot.router.queue.busy).toBe(1);
    expect(bot.store.countJobs("queued")).toBe(299);
    await bot.router.queue.stop(0);
  });

  it("shutdown respects the rate limit, ends at once, and logs what it could not send", async () => {
    const logs = captureLogs();
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "1" }, { logger: logs.logger });
    for (let n = 1; n <= 3; n++) await bot.channel.take(question(bot.channel, n));
    await flush();
    await bot.router.queue.stop(60_000);
    await bot.clock.advance(10 * 60_000);
    expect(bot.channel.sent).toHaveLength(1);
    expect(logs.lines().find((l) => l.owed === 2)).toBeDefined();
  });

  it("the console channel needs no rate limit", async () => {
    const consoleLike = new TestChannel("console");
    (consoleLike as { rateLimited: boolean }).rateLimited = false;
    const bot = await createTestBot({ REPLIES_PER_MINUTE: "1" }, { channel: consoleLike });
    for (let n = 1; n <= 25; n++) await bot.channel.deliver(question(bot.channel, n));
    expect(bot.channel.sent).toHaveLength(25);
  });
});
