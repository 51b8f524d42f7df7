import { readConfig } from "../src/config.js";
import { ConfigError, KnowledgeError } from "../src/errors.js";
import { createLogger, secretsOf } from "../src/logger.js";
import { StoreError } from "../src/store/store-error.js";
import { createApp, type App } from "./app.js";
import { loadEnvFile } from "./env-file.js";

const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
const SIGNAL_CODES: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * The bot's process: `node dist/bot/main.js` in production (`npm start` runs the same from
 * source). Reads the configuration, starts the channels, the digest schedule and the health
 * endpoint. A first SIGTERM/SIGINT/SIGHUP stops it within SHUTDOWN_SECONDS (replies not yet sent
 * stay owed for the next start); a second one exits at once. Piped console input ends the run.
 */
async function main(): Promise<number> {
  let app: App;
  try {
    loadEnvFile();
    const config = readConfig(process.env);
    // In a terminal session the log would drown the chat: only warnings unless LOG_LEVEL says otherwise.
    const quiet = !process.env.LOG_LEVEL && config.channels.every((c) => c === "console");
    const logger = createLogger(quiet ? "warn" : config.LOG_LEVEL, secretsOf(config));
    app = await createApp({ config, logger });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KnowledgeError || err instanceof StoreError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { logger } = app;

  // A library's stray rejection is logged; it must not take the whole bot down.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "未处理的异步错误"));
  // Output piped into `head` that closed: stop quietly, as command-line tools do.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") void shutdown("stdout closed").then(() => process.exit(0));
  });

  let stopped: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopped ??= (async () => {
      logger.info({ reason }, "正在停止");
      // Whatever hangs, the process ends a little after its budget.
      setTimeout(() => {
        logger.error({ seconds: app.config.SHUTDOWN_SECONDS }, "停止超时，强制退出（未发出的答复已保存）");
        process.exit(1);
      }, app.config.SHUTDOWN_SECONDS * 1000 + 2_000).unref();
      await app.stop();
    })();
    return stopped;
  };
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (!stopped) {
        void shutdown(signal).then(() => process.exit(0));
        return;
      }
      const owed = owedReplies(app);
      logger.warn({ signal, owed }, "停止过程中再次收到信号，立即退出（未发出的答复已保存，下次启动时发送）");
      process.exit(SIGNAL_CODES[signal]);
    });
  }

  watchParent(() => void shutdown("npm exited").then(() => process.exit(0)));

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

/**
 * Under `npm start` the bot is npm's grandchild, and npm does not pass SIGTERM on: when npm is
 * gone (the bot is re-parented), the bot stops too instead of staying connected as an orphan.
 * Production runs `node dist/bot/main.js` directly and does not need this.
 */
function watchParent(onGone: () => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onGone();
  }, 500).unref();
}

function owedReplies(app: App): number | undefined {
  try {
    return app.store.countJobs("queued");
  } catch {
    return undefined;
  }
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`减负助手启动失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
