import { readConfig, type Config } from "../src/config.js";
import { createEngine, type Engine } from "../src/engine.js";
import { ConfigError, JianfuError, UserError } from "../src/errors.js";
import { createLogger, secretsOf } from "../src/logger.js";
import { openStore } from "../src/store/open-store.js";
import type { SqliteStore } from "../src/store/sqlite-store.js";
import type { CliCommand, CliContext } from "./cli/command.js";
import { loadEnvFile } from "./env-file.js";

type Load = () => Promise<{ default: CliCommand }>;

/** Each command's module loads only when it runs (or for the help), so one question starts fast. */
const COMMANDS = new Map<string, Load>([
  ["ask", () => import("./cli/ask.js")],
  ["screen", () => import("./cli/screen.js")],
  ["search", () => import("./cli/search.js")],
  ["list", () => import("./cli/list.js")],
  ["item", () => import("./cli/item.js")],
  ["batch", () => import("./cli/batch.js")],
  ["screen-log", () => import("./cli/screen-log.js")],
  ["kb", () => import("./cli/kb.js")],
  ["flags", () => import("./cli/flags.js")],
  ["digest", () => import("./cli/digest.js")],
  ["answers", () => import("./cli/answers.js")],
  ["backup", () => import("./cli/backup.js")],
]);

async function help(): Promise<string> {
  const commands = await Promise.all([...COMMANDS.values()].map(async (load) => (await load()).default));
  const rows = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return ["减负助手命令行：npm run cli -- <命令> [参数]", "", ...rows, ""].join("\n");
}

/** node:util parseArgs rejects an unknown option, a missing value or a stray argument with these codes. */
const ARGUMENT_ERRORS = new Set(["ERR_PARSE_ARGS_UNKNOWN_OPTION", "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"]);

function isArgumentError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && ARGUMENT_ERRORS.has((err as { code?: string }).code ?? "");
}

/** The parse error in Chinese, naming the option. */
function argumentMessage(err: Error & { code: string }): string {
  const option = /'([^']+)'/.exec(err.message)?.[1];
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `不认识的选项：${option ?? err.message}`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项缺少值或值不对：${option?.split(" ")[0] ?? err.message}`;
  return `多余的参数：${option ?? err.message}`;
}

/** Runs one CLI invocation; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], io: Pick<CliContext, "stdin" | "stdout" | "stderr">, env = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(await help());
    return name ? 0 : 2;
  }
  const load = COMMANDS.get(name);
  if (!load) {
    io.stderr.write(`未知命令：${name}\n\n${await help()}`);
    return 2;
  }
  const command = (await load()).default;
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`用法：npm run cli -- ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = readConfig(env);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  // The CLI logs warnings only, unless LOG_LEVEL asks for more: stdout stays the command's output.
  const logger = createLogger(env.LOG_LEVEL?.trim() || "warn", secretsOf(config));
  let engine: Promise<Engine> | undefined;
  let store: SqliteStore | undefined;
  const ctx: CliContext = {
    ...io,
    args,
    config,
    logger,
    engine: () => (engine ??= createEngine({ config, logger })),
    store: () => (store ??= openStore(config)),
  };
  try {
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof UserError) io.stderr.write(`${err.userMessage}\n用法：npm run cli -- ${command.usage}\n`);
    else if (isArgumentError(err)) {
      io.stderr.write(`${argumentMessage(err)}\n用法：npm run cli -- ${command.usage}\n`);
    }
    else if (err instanceof ConfigError || err instanceof JianfuError) io.stderr.write(`${err.message}\n`);
    else {
      logger.error({ err }, "cli command failed");
      io.stderr.write(`出错了：${(err as Error).message}\n`);
    }
    return 1;
  } finally {
    store?.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isMain) {
  try {
    loadEnvFile();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  // Output piped into `head` that closed early: stop quietly, as command-line tools do.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
  });
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
