import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temporary directory removed by the returned cleanup. */
export function tempDir(prefix = "jianfu-e2e-"): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `predicate` until it holds; the test's own timeout is the limit (no timed assertions). */
export async function until(predicate: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await predicate())) await new Promise((r) => setTimeout(r, 10));
}

/** A question whose offline answer cites list items, and a push the screener flags. */
export const QUESTION = "街道让我们查辖区商铺的燃气，这是社区的事吗？";
export const PUSH = "各社区：请于本周五前完成辖区内所有商铺、电梯和锅炉的安全检查，检查结果报街道安监办。";

/** A bot process as an operator runs it, its output collected. */
export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node dist/bot/main.js` (the compiled build; `npm run build` first) or, with `source`,
 * `node --import tsx bot/main.ts`. Only the given environment: nothing leaks in from the shell.
 */
export function spawnBot(env: Record<string, string>, opts: { source?: boolean; args?: string[] } = {}): BotProcess {
  const args = opts.args ?? (opts.source ? ["--import", "tsx", "bot/main.ts"] : ["dist/bot/main.js"]);
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ENV_FILE: "", HEALTH_PORT: "0", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}
