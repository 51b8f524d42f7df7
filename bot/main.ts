import { readConfig } from "../src/config.js";
import { ConfigError, KnowledgeError } from "../src/errors.js";
import { createLogger } from "../src/logger.js";
import { StoreError } from "../src/store/store-error.js";
import { createApp, type App } from "./app.js";
import { loadEnvFile } from "./env-file.js";

/**
 * `npm start`: reads the configuration from the environment, starts the configured channels
 * (the console when none is), the digest schedule and the health endpoint; stops cleanly on
 * SIGTERM/SIGINT, and when the console's input ends.
 */
async function main(): Promise<number> {
  let app: App;
  try {
    loadEnvFile();
    const config = readConfig(process.env);
    // In a terminal session the log would drown the chat: only warnings unless LOG_LEVEL says otherwise.
    const quiet = !process.env.LOG_LEVEL && config.channels.every((c) => c === "console");
    app = await createApp({ config, logger: createLogger(quiet ? "warn" : config.LOG_LEVEL) });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KnowledgeError || err instanceof StoreError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }

  // A library's stray rejection is logged; it must not take the whole bot down.
  process.on("unhandledRejection", (reason) => app.logger.error({ err: reason }, "未处理的异步错误"));

  let stopped: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopped ??= (async () => {
      app.logger.info({ reason }, "正在停止");
      await app.stop();
    })();
    return stopped;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void shutdown(signal).then(() => process.exit(0));
    });
  }

  try {
    await app.start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      await shutdown("start failed");
      return 1;
    }
    throw err;
  }
  if (app.done) {
    // Console with piped input: handle every line, wait for the replies, then stop.
    await app.done;
    await shutdown("input ended");
    // Anything a library left open must not keep a finished script alive.
    setTimeout(() => process.exit(0), 5_000).unref();
  }
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`减负助手启动失败：${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
