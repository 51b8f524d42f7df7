import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";
import { cliIo } from "../support/cli-io.js";



const env = { DATA_DIR: join(tmpdir(), "jianfu-cli-data"), MAX_TEXT_LENGTH: "200" };

describe("batch", () => {
  it("answers each line in order and turns bad lines into errors without stopping", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-batch-"));
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    writeFileSync(
      input,
      [
        JSON.stringify({ id: "q1", kind: "ask", text: "街道让社区去查工地的塔吊安全，这归我们吗？", gold: { verdict: ["negative"] } }),
        "这不是 JSON",
        JSON.stringify({ id: "x1", kind: "vote", text: "？" }),
        JSON.stringify({ id: "x2", kind: "ask" }),
        JSON.stringify({ id: "x3", kind: "screen", text: "长".repeat(201) }),
        "",
        JSON.stringify({ id: "m1", kind: "screen", text: "各社区：请于周五前完成辖区所有商铺的燃气安全检查，检查表盖章后报街道。", sender: "街道安监办" }),
        JSON.stringify({ id: 7, kind: "screen", text: "收到👌" }),
      ].join("\n"),
    );
    const s = cliIo();
    expect(await runCli(["batch", "--in", input, "--out", output], s, env)).toBe(0);
    const lines = readFileSync(output, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["q1", null, "x1", "x2", "x3", "m1", 7]);
    expect(lines[0]).toMatchObject({ verdict: "negative" });
    expect(lines[0].citations[0]).toBe("gansu/negative/7");
    expect(Object.keys(lines[0]).sort()).toEqual(["answer", "citations", "id", "verdict"]);
    expect(lines[1].error).toMatch(/第 2 行不是合法的 JSON/);
    expect(lines[2].error).toMatch(/未知的 kind/);
    expect(lines[3].error).toMatch(/缺少 text/);
    expect(lines[4].error).toMatch(/过长/);
    // Gansu's item first, then the national rule it details (民发〔2015〕136号), as support.
    expect(lines[5]).toMatchObject({ flagged: true, category: "negative", citations: ["gansu/negative/7", "national/cancelled/2"] });
    expect(Object.keys(lines[5]).sort()).toEqual(["category", "citations", "confidence", "flagged", "id", "reason"]);
    expect(lines[6]).toMatchObject({ id: 7, flagged: false, category: null, citations: [] });
  });

  it("reads a question typed with the bot's name (@减负助手 …) as the channels do: the name is not part of it", async () => {
    const lines = [
      { id: "w", kind: "ask", text: "@减负助手 明天兰州会下雪吗" },
      { id: "g", kind: "ask", text: "＠减负助手 街道让我们查商铺燃气，这是社区的事吗" },
    ];
    const s = cliIo(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(await runCli(["batch", "--in", "-", "--out", "-"], s, env)).toBe(0);
    const out = s.out().trim().split("\n").map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ id: "w", verdict: "out_of_scope", citations: [] });
    expect(out[1]).toMatchObject({ id: "g", verdict: "negative" });
  });

  it("reads stdin and writes stdout with -", async () => {
    const s = cliIo(JSON.stringify({ id: "a", kind: "ask", text: "帮我写首诗" }) + "\n");
    expect(await runCli(["batch", "--in", "-", "--out", "-"], s, env)).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject({ id: "a", verdict: "out_of_scope", citations: [] });
  });

  it("fails with a clear message when the input file is missing", async () => {
    const s = cliIo();
    expect(await runCli(["batch", "--in", "/nonexistent/cases.jsonl", "--out", "-"], s, env)).toBe(1);
    expect(s.err()).toContain("找不到输入文件");
  });
});

describe("single-case commands", () => {
  it("ask --json prints one ask output line", async () => {
    const s = cliIo();
    expect(await runCli(["ask", "拆违归社区吗？", "--json"], s, env)).toBe(0);
    const line = JSON.parse(s.out());
    expect(line.verdict).toBe("negative");
    expect(line.citations[0]).toBe("gansu/negative/2");
  });

  it("screen --json prints one screen output line", async () => {
    const s = cliIo();
    expect(await runCli(["screen", "今晚食堂有饺子，忙完来吃", "--json"], s, env)).toBe(0);
    expect(JSON.parse(s.out())).toMatchObject({ flagged: false, category: null, citations: [] });
  });

  it("item, list and search show the knowledge", async () => {
    let s = cliIo();
    expect(await runCli(["item", "gansu/negative/6"], s, env)).toBe(0);
    expect(s.out()).toContain("征收商业用房零散税费");
    s = cliIo();
    expect(await runCli(["list", "national/no-certificate"], s, env)).toBe(0);
    expect(s.out()).toContain("（20 项）");
    s = cliIo();
    expect(await runCli(["search", "无犯罪记录"], s, env)).toBe(0);
    expect(s.out().split("\n")[0]).toMatch(/^national\/no-certificate\/5/);
  });

  it("kb validate reports the counts", async () => {
    const s = cliIo();
    expect(await runCli(["kb", "validate"], s, env)).toBe(0);
    expect(s.out()).toMatch(/gansu\/negative 7 项/);
  });

  it("rejects unknown commands and bad configuration with a message", async () => {
    let s = cliIo();
    expect(await runCli(["fly"], s, env)).toBe(2);
    expect(s.err()).toContain("未知命令");
    s = cliIo();
    expect(await runCli(["ask", "问题"], s, { ...env, LLM_TIMEOUT_MS: "soon" })).toBe(1);
    expect(s.err()).toContain("LLM_TIMEOUT_MS");
  });
});
