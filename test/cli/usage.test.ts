import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";
import { cliIo } from "../support/cli-io.js";



const env = { DATA_DIR: join(tmpdir(), "jianfu-cli-usage"), LOG_LEVEL: "silent" };

describe("command usage", () => {
  it("--help after a command prints that command's usage and exits 0", async () => {
    const s = cliIo();
    expect(await runCli(["screen", "--help"], s, env)).toBe(0);
    expect(s.out()).toContain('用法：npm run cli -- screen "消息"');
    expect(s.err()).toBe("");
  });

  it("an unknown option is named in Chinese with the usage, exit 1 like other usage errors, no stack trace", async () => {
    const s = cliIo();
    expect(await runCli(["ask", "--bogus", "拆违归社区吗"], s, env)).toBe(1);
    expect(s.err()).toContain("不认识的选项：--bogus");
    expect(s.err()).toContain("用法：npm run cli -- ask");
    expect(s.err()).not.toMatch(/at |TypeError/);
  });

  it("an option missing its value is named", async () => {
    const s = cliIo();
    expect(await runCli(["search", "证明", "--limit"], s, env)).toBe(1);
    expect(s.err()).toMatch(/--limit/);
    expect(s.err()).not.toMatch(/at |TypeError/);
  });
});
