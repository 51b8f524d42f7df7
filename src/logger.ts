import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/** Shown in place of a secret. */
export const HIDDEN = "[已隐藏]";

/** The configured secrets worth hiding (short values would hide ordinary words). */
export function secretsOf(config: Partial<Pick<Config, "DINGTALK_CLIENT_SECRET" | "OPENAI_API_KEY" | "WECHATY_PUPPET_SERVICE_TOKEN">>): string[] {
  return [config.DINGTALK_CLIENT_SECRET, config.OPENAI_API_KEY, config.WECHATY_PUPPET_SERVICE_TOKEN].filter(
    (s): s is string => typeof s === "string" && s.length >= 8,
  );
}

/** `text` with every secret value (also as JSON would escape it) replaced by HIDDEN. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      if (form && out.includes(form)) out = out.split(form).join(HIDDEN);
    }
  }
  return out;
}

/**
 * The process logger: JSON to stderr, so stdout stays clean for CLI output. Every line is
 * scrubbed of the given secrets, whatever put them there (an upstream error echoing a key).
 * Message text is logged only at debug.
 */
export function createLogger(
  level = process.env.LOG_LEVEL ?? "info",
  secrets: readonly string[] = [],
  dest: { write(line: string): unknown } = pino.destination({ dest: 2, sync: true }),
): Logger {
  if (secrets.length === 0) return pino({ level, base: undefined }, dest);
  return pino({ level, base: undefined }, { write: (line: string) => void dest.write(scrubSecrets(line, secrets)) });
}

export const silentLogger: Logger = pino({ level: "silent" });
