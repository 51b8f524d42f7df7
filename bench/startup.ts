/**
 * Start-up, measured as a user meets it: from spawning the process to the first byte of the
 * answer on stdout, for the compiled build (`node dist/…`, what production runs) and through tsx.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url).pathname;
const QUESTION = "社区要负责电梯安全检查吗？";
const RUNS = 7;

interface Timing {
  label: string;
  firstByteMs: number[];
  exitMs: number[];
}

/** Spawns the command `RUNS` times; returns when its first stdout byte came and when it exited. */
async function measure(label: string, cmd: string, args: string[], stdin?: string): Promise<Timing> {
  const t: Timing = { label, firstByteMs: [], exitMs: [] };
  const data = mkdtempSync(join(tmpdir(), "jianfu-bench-start-"));
  try {
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(cmd, args, {
          cwd: root,
          env: { PATH: process.env.PATH ?? "", HOME: data, ENV_FILE: "", HEALTH_PORT: "0", DATA_DIR: data },
          stdio: ["pipe", "pipe", "ignore"],
        });
        child.stdout.once("data", () => t.firstByteMs.push(performance.now() - start));
        child.once("error", reject);
        child.once("close", () => {
          t.exitMs.push(performance.now() - start);
          resolve();
        });
        child.stdin.end(stdin ?? "");
      });
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
  return t;
}

/** Builds dist/ when it is missing or older than the sources. */
function ensureBuilt(print: (line?: string) => void): void {
  const main = join(root, "dist/bot/main.js");
  const sources = ["bot", "src"].flatMap((d) => readdirSync(join(root, d), { recursive: true }).map((f) => join(root, d, String(f))));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (existsSync(main) && statSync(main).mtimeMs >= newest) return;
  print("(building dist/ with npm run build)");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => `${Math.round(x)} ms`;

export async function benchStartup(print: (line?: string) => void): Promise<void> {
  ensureBuilt(print);
  const rows = [
    await measure("bot, compiled: `node dist/bot/main.js`, one question piped in", process.execPath, ["dist/bot/main.js"], `张三: @减负助手 ${QUESTION}\n`),
    await measure("CLI, compiled: `node dist/bot/cli.js ask …`", process.execPath, ["dist/bot/cli.js", "ask", QUESTION]),
    await measure("CLI through tsx: `node --import tsx bot/cli.ts ask …`", process.execPath, ["--import", "tsx", "bot/cli.ts", "ask", QUESTION]),
    await measure("CLI through npm and tsx: `npm run cli -- ask …`", "npm", ["run", "--silent", "cli", "--", "ask", QUESTION]),
  ];
  print(`${RUNS} runs each; time from spawning the process to the first byte of the answer, then to exit`);
  print("| how | first answer (median) | fastest | exit (median) |");
  print("|---|---|---|---|");
  for (const r of rows) print(`| ${r.label} | ${ms(median(r.firstByteMs))} | ${ms(Math.min(...r.firstByteMs))} | ${ms(median(r.exitMs))} |`);
}
