import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

/** A real pino logger writing into memory: the lines a deployment would see, as text and as objects. */
export function captureLogs(level = "info"): { logger: Logger; text(): string; lines(): Array<Record<string, unknown>> } {
  let text = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  const logger = pino({ level, base: undefined }, sink);
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
