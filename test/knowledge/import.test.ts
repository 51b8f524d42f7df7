import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";
import { cliIo } from "../support/cli-io.js";

/*
 * `kb import` of a list document in the format of ../shared/sources/regions: into a copy of the
 * knowledge, as a maintainer of another province would.
 */

const knowledge = new URL("../../knowledge", import.meta.url).pathname;

function copyKnowledge(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "jianfu-import-")), "knowledge");
  cpSync(knowledge, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` with its content, to show that nothing changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

const HEADER = ["标题: 某省不应由村(居)民委员会出具的证明事项清单", "发文机关: 某省民政厅（测试用）", "日期: 2025年1月", "完整性: 完整（4/4 项）", ""];

function listFile(dir: string, name: string, items: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [...HEADER, "=== 某省不应由村(居)民委员会出具的证明事项清单（4项） ===", ...items, "规则: 清单所列证明事项，村(居)民委员会不予出具。", ""].join("\n"));
  return path;
}

async function cli(args: string[], env: Record<string, string>) {
  const io = cliIo();
  const code = await runCli(args, io, { DATA_DIR: join(tmpdir(), "jianfu-import-data"), ...env });
  return { code, out: io.out(), err: io.err() };
}

describe("kb import", () => {
  it("writes the list set and its source verbatim, proposes concepts, and the set binds its region at once", async () => {
    const dir = copyKnowledge();
    const file = listFile(mkdtempSync(join(tmpdir(), "jianfu-src-")), "ehtest-2025-bu-ying-chuju-zhengming-list.txt", [
      "1. 亲属关系证明",
      "2. 个人收入证明",
      "3. 房屋产权、面积及建成年代证明",
      "4. 养犬登记证明",
    ]);
    const r = await cli(["kb", "import", file, "--set", "ehtest", "--region", "湖北省"], { KNOWLEDGE_DIR: dir });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("ehtest/no-certificate/2");
    expect(r.out).toContain("income-certificate");
    const yaml = readFileSync(join(dir, "lists", "ehtest.yaml"), "utf8");
    expect(yaml).toContain("region: 湖北省");
    expect(yaml).toContain("房屋产权、面积及建成年代证明");
    expect(yaml).toMatch(/covers: \[house-ownership-certificate\]/);
    expect(readFileSync(join(dir, "sources", "ehtest-2025-bu-ying-chuju-zhengming-list.txt"), "utf8")).toContain("4. 养犬登记证明");
    expect((await cli(["kb", "validate"], { KNOWLEDGE_DIR: dir })).code).toBe(0);

    const ask = async (region: string) =>
      JSON.parse((await cli(["ask", "--json", "--region", region, "居民贷款，银行让社区开个人收入证明，社区能开吗？"], { KNOWLEDGE_DIR: dir })).out);
    const hubei = await ask("湖北省武汉市");
    expect(hubei.verdict).toBe("negative");
    expect(hubei.citations).toContain("ehtest/no-certificate/2");
    // Another province is not bound by it.
    expect((await ask("甘肃省")).citations.filter((c: string) => c.startsWith("ehtest/"))).toEqual([]);
  });

  it("on a bad file names the line and writes nothing", async () => {
    const dir = copyKnowledge();
    const before = snapshot(dir);
    const file = listFile(mkdtempSync(join(tmpdir(), "jianfu-src-")), "ehbad-2025-list.txt", ["1. 亲属关系证明", "2. 个人收入证明", "4. 养犬登记证明", "5. 健在证明"]);
    const r = await cli(["kb", "import", file, "--set", "ehbad", "--region", "湖北省"], { KNOWLEDGE_DIR: dir });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/ehbad-2025-list\.txt 第 \d+ 行：条目编号应为 3，实际是 4/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a file without a header, naming its first line", async () => {
    const dir = copyKnowledge();
    const src = mkdtempSync(join(tmpdir(), "jianfu-src-"));
    const file = join(src, "ehnohead-list.txt");
    writeFileSync(file, "=== 某地证明清单 ===\n1. 亲属关系证明\n");
    const r = await cli(["kb", "import", file, "--set", "ehnohead", "--region", "湖北省"], { KNOWLEDGE_DIR: dir });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/第 1 行/);
  });
});
