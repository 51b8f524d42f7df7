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
