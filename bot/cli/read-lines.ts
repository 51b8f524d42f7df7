import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UserError } from "../../src/errors.js";

/** Lines of a file, or of stdin for "-". Throws UserError when the file can't be opened. */
export function readLines(path: string, stdin: NodeJS.ReadableStream): AsyncIterable<string> {
  if (path !== "-" && !existsSync(path)) throw new UserError(`找不到输入文件：${path}`);
  const input = path === "-" ? stdin : createReadStream(path, { encoding: "utf8" });
  return createInterface({ input, crlfDelay: Infinity });
}
