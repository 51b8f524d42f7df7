import { describe, expect, it } from "vitest";
import { fetchFailure, outcomeUnknown, retryAfterMs, SendError } from "../../bot/channels/send-error.js";

describe("send outcomes", () => {
  it("a timeout or a connection dropped after sending is outcome unknown; a refused connection is not", () => {
    const timeout = Object.assign(new Error("aborted"), { name: "TimeoutError" });
    expect(fetchFailure(timeout, "钉钉接口 ")).toMatchObject({ outcome: "unknown" });
    const reset = new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    expect(outcomeUnknown(fetchFailure(reset, "钉钉接口 "))).toBe(true);
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    expect(fetchFailure(refused, "钉钉接口 ")).toMatchObject({ outcome: "rejected" });
    expect(outcomeUnknown(new SendError("429", "rejected", 429))).toBe(false);
  });

  it("Retry-After is read in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Sat, 21 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});
