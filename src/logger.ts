import { pino, type Logger } from "pino";

export type { Logger };

/** The process logger: JSON to stderr, so stdout stays clean for CLI output. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
