import { existsSync } from "node:fs";
import { ConfigError } from "../src/errors.js";

/**
 * Reads ENV_FILE (default `.env`) into process.env when it exists; variables already set in the
 * environment win. ENV_FILE= (empty) skips it, as the end-to-end tests do.
 */
export function loadEnvFile(): void {
  const file = process.env.ENV_FILE ?? ".env";
  if (!file || !existsSync(file)) return;
  try {
    process.loadEnvFile(file);
  } catch (err) {
    throw new ConfigError(`配置有误：无法读取 ${file}（${err instanceof Error ? err.message : String(err)}）`);
  }
}
