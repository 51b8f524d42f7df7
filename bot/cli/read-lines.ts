import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UserError } from "../../src/errors.js";

/**
 * Lines of a file, or of stdin for "-", with a UTF-8 byte order mark (as Windows editors and
 * Excel write) removed from the first. Throws UserError at once when the file does not exist;
 * the file is opened only when the lines are read.
 */
export function readLines(path: string, stdin: NodeJS.ReadableStream): AsyncIterable<string> {
  if (path !== "-" && !existsSync(path)) throw new UserError(`找不到输入文件：${path}`);
  return (async function* () {
    const input = path === "-" ? stdin : createReadStream(path, { encoding: "utf8" });
    let first = true;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      yield first ? line.replace(/^\uFEFF/, "") : line;
      first = false;
    }
  })();
}
