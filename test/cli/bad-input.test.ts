import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";
import { cliIo } from "../support/cli-io.js";
import { createTestBot } from "../bot/support/harness.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "jianfu-bad-input-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ DATA_DIR: dir, MAX_TEXT_LENGTH: "200" });
const caseLine = (id: string) => JSON.stringify({ id, kind: "screen", text: "各社区：请于周五前完成辖区商铺燃气安全检查。" });

describe("batch, bad input", () => {
  it("--out into a missing folder fails at once with a clear message, before any work", async () => {
    const input = join(dir, "in.jsonl");
    writeFileSync(input, caseLine("a") + "\n");
    const s = cliIo();
    expect(await runCli(["batch", "--in", input, "--out", join(dir, "missing", "out.jsonl")], s, env())).toBe(1);
    expect(s.err()).toMatch(/无法写入 .*out\.jsonl：目录 .*missing 不存在/);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("a UTF-8 BOM and blank lines: the BOM is ignored, a blank line gets no output line", async () => {
    const input = join(dir, "in.jsonl");
    writeFileSync(input, "\uFEFF" + [caseLine("a"), "", "   ", caseLine("b"), ""].join("\r\n"));
    const output = join(dir, "out.jsonl");
    expect(await runCli(["batch", "--in", input, "--out", output], cliIo(), env())).toBe(0);
    const lines = readFileSync(output, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.error ?? l.flagged])).toEqual([
      ["a", true],
      ["b", true],
    ]);
  });

  it("output piped into head ends quietly (EPIPE), with no stack trace", () => {
    const input = join(dir, "in.jsonl");
    writeFileSync(input, Array.from({ length: 3000 }, (_, i) => caseLine(`c${i}`)).join("\n"));
    const r = spawnSync("bash", ["-c", `set -o pipefail; node --import tsx bot/cli.ts batch --in ${input} --out - | head -n 1`], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "", HOME: dir, ENV_FILE: "", ...env() },
      encoding: "utf8",
    });
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: "c0" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("long messages", () => {
  it("screen-log screens a line padded past the size limit on its first part instead of skipping it", async () => {
    const log = join(dir, "群聊.txt");
    writeFileSync(log, `王主任: 各社区请于周五前完成辖区商铺燃气安全检查。${" ".repeat(300)}${"。".repeat(300)}\n`);
    const s = cliIo();
    expect(await runCli(["screen-log", log, "--format", "json", "--dry-run"], s, env())).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject({ total: 1 });
  });

  it("a group push padded past the size limit is screened on its first part, not skipped", async () => {
    const bot = await createTestBot({ MAX_TEXT_LENGTH: "200" });
    await bot.channel.deliver(bot.channel.message(`各社区请于周五前完成燃气检查${"\n".repeat(400)}${"附".repeat(500)}`, { messageId: "long-1" }));
    expect(bot.store.listFlags().map((f) => [f.messageId, f.text.length <= 200])).toEqual([["long-1", true]]);
  });
});
