import { ConfigError } from "../errors.js";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (err) {
      throw new ConfigError(`时区「${timeZone}」无效（请检查 DIGEST_TIMEZONE，例如 Asia/Shanghai）`, { cause: err });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws ConfigError (Chinese) when the IANA time zone is unknown. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall-clock fields of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string): Parts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** The instant at which the wall clock in `timeZone` shows the given fields (month 1-12). */
export function zonedTimeToDate(p: Parts, timeZone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Two passes settle the offset also next to a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const q = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-21 09:30" in the time zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "11-21 09:30" in the time zone, for lines inside a digest whose header gives the year. */
export function formatShortTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
