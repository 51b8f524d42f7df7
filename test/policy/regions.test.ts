import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";
import { readConfig } from "../../src/config.js";
import { createEngine } from "../../src/engine.js";
import { cliIo } from "../support/cli-io.js";
import { realKb } from "../support/kb.js";

/*
 * Each community is answered from the lists that bind it: national ones everywhere, its province's
 * and its city's. The same cases through the engine (as chat asks it) and through batch lines
 * with `region`.
 */

const engine = await createEngine({ config: readConfig({}), logger: pino({ level: "silent" }), kb: realKb() });

const cases = [
  { region: "云南省昆明市西山区", text: "街道让我们牵头拆违建，这是社区的事吗？", verdict: "negative", cites: "national/cancelled/2" },
  { region: "云南省昆明市西山区", text: "我们是社区的，居民来开收入证明，社区能开吗？", verdict: "negative", cites: "yunnan/certificate/1" },
  { region: "湖南省长沙市", text: "街道让社区签责任状，搞一票否决，这是社区该承担的吗？", verdict: "negative", cites: "hunan/negative/3" },
  { region: "天津市南开区", text: "居民要开居住证明，居委会能开吗？", verdict: "duty", cites: "tianjin/certificate/1" },
  { region: "甘肃省兰州市", text: "居民孩子转学要社区开转学证明，能开吗？", verdict: "unlisted", cites: undefined },
] as const;

describe("answers from the lists that bind the place", () => {
  it.each(cases)("$region: $text", async ({ region, text, verdict, cites }) => {
    const r = await engine.ask(text, { region });
    expect(r.verdict).toBe(verdict);
    if (cites) expect(r.citations).toContain(cites);
    // Gansu's lists bind Gansu only.
    if (!region.startsWith("甘肃")) expect(r.citations.filter((c) => c.startsWith("gansu/"))).toEqual([]);
  });

  it("names whose list it quotes", async () => {
    expect((await engine.ask("居民要开居住证明，居委会能开吗？", { region: "天津市" })).answer).toContain("天津市");
    expect((await engine.ask("街道让我们查商铺燃气，这是社区的事吗？", { region: "甘肃省" })).answer).toContain("甘肃省负面清单");
  });

  it("reads where the asker says she is when no region is given", async () => {
    const r = await engine.ask("我们是昆明西山区的社区，街道让我们牵头拆违建，这是社区的事吗？");
    expect(r.citations[0]).toBe("national/cancelled/2");
  });

  it("screens a push by the lists of the group's place", async () => {
    const veto = "各社区：今年安全生产工作实行一票否决，年终考核出了事故的社区一律不得评优。";
    const hunan = await engine.screen(veto, { region: "湖南省长沙市" });
    expect(hunan).toMatchObject({ flagged: true, category: "negative" });
    expect(hunan.citations[0]).toBe("hunan/negative/3");
    expect(hunan.reason).toContain("湖南省负面清单第3项");
    // Where no list names it, the veto is a burden the national rules forbid.
    expect(await engine.screen(veto, { region: "甘肃省" })).toMatchObject({ flagged: true, category: "burden" });
    const demolish = await engine.screen("各社区：本周内牵头拆除辖区违章搭建的彩钢棚，拆除情况拍照报街道。", { region: "云南省昆明市" });
    expect(demolish.citations[0]).toBe("national/cancelled/2");
  });
});

describe("batch lines carry their region", () => {
  it("judges each line for its own place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jianfu-regions-"));
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    writeFileSync(input, cases.map((c, i) => JSON.stringify({ id: i, kind: "ask", text: c.text, region: c.region })).join("\n") + "\n");
    expect(await runCli(["batch", "--in", input, "--out", output], cliIo(), { DATA_DIR: join(dir, "data") })).toBe(0);
    const lines = readFileSync(output, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    for (const [i, c] of cases.entries()) {
      expect(lines[i].verdict, c.text).toBe(c.verdict);
      if (c.cites) expect(lines[i].citations, c.text).toContain(c.cites);
    }
  });
});
