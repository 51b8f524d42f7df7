import { PlatformError } from "../../src/errors.js";

/**
 * A send the platform refused (`rejected`: nothing went out, trying again is safe) or whose fate
 * is not known (`unknown`: a timeout or a dropped connection after the request left; it may have
 * been delivered, so it is never sent again).
 */
export class SendError extends PlatformError {
  constructor(
    message: string,
    readonly outcome: "rejected" | "unknown",
    status?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, status, options);
  }
}

/** True when a send may have reached the user: do not retry it, do not apologise after it. */
export function outcomeUnknown(err: unknown): boolean {
  return err instanceof SendError && err.outcome === "unknown";
}

/** Network errors raised before a request could reach the server: nothing was sent. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/** A fetch() failure: refused before sending, or unknown (timeout, reset after the request left). */
export function fetchFailure(err: unknown, what: string): SendError {
  const code = networkCode(err);
  if (code && NOT_SENT.has(code)) return new SendError(`${what}无法连接（${code}）`, "rejected", undefined, undefined, { cause: err });
  const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
  return new SendError(`${what}${timedOut ? "超时" : "连接中断"}，结果未知`, "unknown", undefined, undefined, { cause: err });
}

function networkCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date); undefined when absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
