import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UserError } from "../../src/errors.js";

/**
 * Lines of a file, or of stdin for "-", with a UTF-8 byte order mark (as Windows editors and
 * Excel write) removed from the first. Throws UserError at once when the file does not exist.
 */
export function readLines(path: string, stdin: NodeJS.ReadableStream): AsyncIterable<string> {
  if (path !== "-" && !existsSync(path)) throw new UserError(`找不到输入文件：${path}`);
  const input = path === "-" ? stdin : createReadStream(path, { encoding: "utf8" });
  return withoutBom(createInterface({ input, crlfDelay: Infinity }));
}

async function* withoutBom(lines: AsyncIterable<string>): AsyncIterable<string> {
  let first = true;
  for await (const line of lines) {
    yield first ? line.replace(/^\uFEFF/, "") : line;
    first = false;
  }
}
