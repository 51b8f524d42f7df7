import { DEFAULT_TIME_ZONE, zonedTimeToDate } from "../../src/digest/time-zone.js";

/** One message of an exported chat log. */
export interface LogMessage {
  text: string;
  sender?: string;
  group?: string;
  time?: Date;
}

const PLAIN = /^(?:\[?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?)\]?\s+)?(?:([^\s:：]{1,20})[:：]\s*)?([\s\S]+)$/;

const NAIVE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A time from the log; times without an offset are wall-clock times in `timeZone`. */
function parseTime(s: unknown, timeZone: string): Date | undefined {
  if (typeof s === "number") return new Date(s < 1e12 ? s * 1000 : s);
  if (typeof s !== "string") return undefined;
  const m = NAIVE.exec(s.trim());
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0));
    return zonedTimeToDate({ year, month, day, hour, minute, second }, timeZone);
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Parses one log line: a JSON object ({text|content, sender, group, time}) or plain text
 * "[2024-05-01 10:00] 王某: 消息". Returns undefined for a blank line.
 */
export function parseLogLine(line: string, timeZone = DEFAULT_TIME_ZONE): LogMessage | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith("{")) {
    try {
      const o = JSON.parse(trimmed) as Record<string, unknown>;
      const text = [o.text, o.content, o.message].find((v) => typeof v === "string") as string | undefined;
      if (text) {
        const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
        return { text, sender: str(o.sender ?? o.from ?? o.senderNick), group: str(o.group ?? o.room), time: parseTime(o.time ?? o.timestamp, timeZone) };
      }
    } catch {
      // Not JSON after all: treat as plain text.
    }
  }
  const m = PLAIN.exec(trimmed)!;
  return { text: m[3].trim(), sender: m[2], time: parseTime(m[1], timeZone) };
}
