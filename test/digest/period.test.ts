import { describe, expect, it } from "vitest";
import { parseDuration, parseSince } from "../../src/digest/period.js";
import { UserError } from "../../src/errors.js";

const now = new Date("2026-11-21T10:00:00Z");

describe("parseDuration", () => {
  it("reads minutes, hours, days and weeks, in letters or Chinese", () => {
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("24h")).toBe(86_400_000);
    expect(parseDuration("7d")).toBe(7 * 86_400_000);
    expect(parseDuration("2w")).toBe(14 * 86_400_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("24小时")).toBe(86_400_000);
    expect(parseDuration("3天")).toBe(3 * 86_400_000);
    expect(parseDuration("0h")).toBeUndefined();
    expect(parseDuration("h")).toBeUndefined();
    expect(parseDuration("7y")).toBeUndefined();
  });
});

describe("parseSince", () => {
  it("takes a duration back from now", () => {
    expect(parseSince("24h", { now }).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(parseSince(" 30m ", { now }).toISOString()).toBe("2026-11-21T09:30:00.000Z");
  });

  it("reads a date as midnight in the time zone (Shanghai by default)", () => {
    expect(parseSince("2026-11-01", { now }).toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(parseSince("2026/11/1", { now }).toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(parseSince("2026-11-01", { now, timeZone: "UTC" }).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseSince("2026-07-01", { timeZone: "Europe/Berlin" }).toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("reads a local date-time, or ISO 8601 with an offset as given", () => {
    expect(parseSince("2026-11-01 08:30", { now }).toISOString()).toBe("2026-11-01T00:30:00.000Z");
    expect(parseSince("2026-11-01T08:30:15", { now }).toISOString()).toBe("2026-11-01T00:30:15.000Z");
    expect(parseSince("2026-11-01T08:30:00Z", { now }).toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(parseSince("2026-11-01T08:30:00+08:00", { now }).toISOString()).toBe("2026-11-01T00:30:00.000Z");
  });

  it("rejects anything else with a Chinese UserError", () => {
    for (const bad of ["yesterday", "2026-13-01", "2026-02-30", "24", "", "2026-11-01 25:00"]) {
      let caught: unknown;
      try {
        parseSince(bad, { now });
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(UserError);
      expect((caught as UserError).userMessage).toContain("无法识别的时间");
    }
  });
});
