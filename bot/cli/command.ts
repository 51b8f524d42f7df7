import type { Config } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import type { Logger } from "../../src/logger.js";
import type { SqliteStore } from "../../src/store/sqlite-store.js";

/** What a CLI command gets: its arguments, streams, and lazily built dependencies. */
export interface CliContext {
  /** Arguments after the command name. */
  args: string[];
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  config: Config;
  logger: Logger;
  engine(): Promise<Engine>;
  store(): SqliteStore;
}

export interface CliCommand {
  name: string;
  /** One line, Chinese, for the help text. */
  summary: string;
  usage: string;
  /** Returns the exit code. Throws UserError for a usage problem (its message is printed). */
  run(ctx: CliContext): Promise<number>;
}
