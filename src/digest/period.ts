import { UserError } from "../errors.js";
import { DEFAULT_TIME_ZONE, zonedTimeToDate } from "./time-zone.js";

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  分钟: 60_000,
  h: 3_600_000,
  小时: 3_600_000,
  d: 86_400_000,
  天: 86_400_000,
  w: 604_800_000,
  周: 604_800_000,
};

/** "30m", "24h", "7d", "2w" (also 30分钟, 24小时, 7天, 2周) → milliseconds; undefined if not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w|分钟|小时|天|周)$/i.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
  return ms > 0 ? ms : undefined;
}

const DATE_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A point in time as a user writes it: a duration back from `now` ("24h", "7d", "30m"), a date
 * ("2026-11-01", midnight in the time zone), a local date-time ("2026-11-01 08:00"), or ISO 8601
 * with an offset. Throws UserError (Chinese) for anything else.
 */
export function parseSince(text: string, opts: { now?: Date; timeZone?: string } = {}): Date {
  const value = text.trim();
  const now = opts.now ?? new Date();
  const duration = parseDuration(value);
  if (duration !== undefined) return new Date(now.getTime() - duration);
  const m = DATE_TIME.exec(value);
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
    if (validWallClock(year!, month!, day!, hour!, minute!, second!)) {
      return zonedTimeToDate({ year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! }, opts.timeZone ?? DEFAULT_TIME_ZONE);
    }
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return new Date(ms);
  }
  throw new UserError(`无法识别的时间「${text}」：请写成 24h、7d、30m 这样的时长，或 2026-11-01 这样的日期`);
}

function validWallClock(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
