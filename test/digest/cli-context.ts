import { PassThrough } from "node:stream";
import type { CliContext } from "../../bot/cli/command.js";
import { readConfig } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import { silentLogger } from "../../src/logger.js";
import type { SqliteStore } from "../../src/store/sqlite-store.js";
import { ITEM_TEXT } from "./helpers.js";

/** A hand-built CliContext over a given store; stdout collected as text. */
export function cliContext(store: SqliteStore, args: string[], opts: { engine?: boolean } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const kb = {
    get: (id: string) => (ITEM_TEXT[id] ? { kind: "item", item: { id, text: ITEM_TEXT[id] } } : undefined),
  };
  const ctx: CliContext = {
    args,
    stdin: new PassThrough(),
    stdout,
    stderr,
    config: readConfig({}),
    logger: silentLogger,
    engine: async () => {
      if (!opts.engine) throw new Error("no engine in this test");
      return { kb } as unknown as Engine;
    },
    store: () => store,
  };
  return { ctx, output: () => out };
}
