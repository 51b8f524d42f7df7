import { PassThrough } from "node:stream";

/** Streams for runCli: stdin holds `stdinText`; out() and err() read what was written. */
export function cliIo(stdinText = "") {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const read = (s: PassThrough) => {
    const chunks: Buffer[] = [];
    s.on("data", (c) => chunks.push(c));
    return () => Buffer.concat(chunks).toString("utf8");
  };
  return { stdin, stdout, stderr, out: read(stdout), err: read(stderr) };
}
