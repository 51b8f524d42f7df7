import { once } from "node:events";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserError } from "../../src/errors.js";

/**
 * The stream `--out` names ("-" for stdout), opened before any work is done, so a path that
 * cannot be written is a clear error at once (a missing folder is not created: it is more
 * likely a typo than a wish).
 */
export async function openOutput(path: string, stdout: NodeJS.WritableStream, mode = 0o666): Promise<NodeJS.WritableStream> {
  if (path === "-") return stdout;
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`无法写入 ${path}：目录 ${dir} 不存在，请先创建它`);
  const out = createWriteStream(path, { encoding: "utf8", mode });
  try {
    await once(out, "open");
  } catch (err) {
    throw new UserError(`无法写入 ${path}：${(err as Error).message}`, { cause: err });
  }
  return out;
}
