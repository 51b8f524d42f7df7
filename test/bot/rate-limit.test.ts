import { describe, expect, it } from "vitest";
import { LimiterClosed, RateLimiter } from "../../bot/rate-limit.js";
import { FakeClock, flush } from "./support/fake-clock.js";

describe("RateLimiter", () => {
  it("lets the first N through, then delays (never drops) the rest, in order", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(2, clock);
    const done: number[] = [];
    for (let i = 1; i <= 5; i++) void limiter.acquire("g1").then(() => done.push(i));
    await flush();
    expect(done).toEqual([1, 2]);
    expect(limiter.waiting("g1")).toBe(3);

    await clock.advance(59_999);
    expect(done).toEqual([1, 2]);
    await clock.advance(1);
    expect(done).toEqual([1, 2, 3, 4]);
    await clock.advance(60_000);
    expect(done).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.waiting("g1")).toBe(0);
  });

  it("counts each group separately", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(1, clock);
    const done: string[] = [];
    void limiter.acquire("g1").then(() => done.push("g1a"));
    void limiter.acquire("g1").then(() => done.push("g1b"));
    void limiter.acquire("g2").then(() => done.push("g2a"));
    await flush();
    expect(done.sort()).toEqual(["g1a", "g2a"]);
    await clock.advance(60_000);
    expect(done).toContain("g1b");
  });

  it("frees slots as old sends leave the window", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(2, clock);
    await limiter.acquire("g");
    await clock.advance(30_000);
    await limiter.acquire("g");
    let third = false;
    void limiter.acquire("g").then(() => (third = true));
    await clock.advance(29_999);
    expect(third).toBe(false);
    await clock.advance(1);
    expect(third).toBe(true);
  });

  it("close() ends the wait of every waiter with LimiterClosed (shutdown never hangs, nor rushes replies past the limit)", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(1, clock);
    await limiter.acquire("g");
    let outcome: unknown;
    void limiter.acquire("g").then(() => (outcome = "sent"), (err) => (outcome = err));
    limiter.close();
    await flush();
    expect(outcome).toBeInstanceOf(LimiterClosed);
    expect(clock.pending).toBe(0);
  });

  it("tryAcquire leaves room: chit-chat takes a slot only while `spare` more stay free and nobody waits", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(4, clock);
    expect(limiter.tryAcquire("g", 2)).toBe(true);
    expect(limiter.tryAcquire("g", 2)).toBe(true);
    expect(limiter.tryAcquire("g", 2)).toBe(false);
    await limiter.acquire("g");
    await limiter.acquire("g");
    void limiter.acquire("g");
    expect(limiter.tryAcquire("g", 0)).toBe(false);
  });
});
