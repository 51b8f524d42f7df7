import { afterEach, beforeEach, describe, expect, it } from "vitest";
import digestCommand from "../../bot/cli/digest.js";
import flagsCommand from "../../bot/cli/flags.js";
import { UserError } from "../../src/errors.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { flagInput } from "../store/helpers.js";
import { cliContext } from "./cli-context.js";
import { parseCsv } from "./helpers.js";

const HOUR = 3_600_000;

async function run(cmd: typeof flagsCommand, store: SqliteStore, args: string[], opts: { engine?: boolean } = {}) {
  const { ctx, output } = cliContext(store, args, opts);
  const code = await cmd.run(ctx);
  return { code, out: output() };
}

async function usageError(cmd: typeof flagsCommand, store: SqliteStore, args: string[]): Promise<string> {
  try {
    await run(cmd, store, args);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).userMessage;
  }
  throw new Error(`expected a UserError for ${args.join(" ")}`);
}

describe("CLI: flags", () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore(":memory:");
    const now = Date.now();
    store.addFlag(flagInput({ time: new Date(now - 2 * HOUR), messageId: "a" }));
    store.addFlag(flagInput({ time: new Date(now - 3 * 24 * HOUR), messageId: "b", groupName: "东关社区群", groupId: "g2" }));
    store.addFlag(flagInput({ time: new Date(now - HOUR), messageId: "c", senderId: "w7", senderName: "网格员小刘", reporterId: "w7", reporterName: "网格员小刘" }));
  });
  afterEach(() => store.close());

  it("lists flags with id, status, category, group and a privacy-safe sender", async () => {
    const { code, out } = await run(flagsCommand, store, ["list"]);
    expect(code).toBe(0);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^#2 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}待处理 {2}负面清单事项 {2}东关社区群 {2}街道安监办 王某 {2}93% {2}gansu\/negative\/7 {2}各社区/);
    expect(out).not.toContain("网格员小刘");
  });

  it("filters by --since and --status, and prints JSON lines", async () => {
    expect((await run(flagsCommand, store, ["list", "--since", "24h"])).out.trim().split("\n").map((l) => l.split(" ")[0])).toEqual(["#1", "#3"]);
    await run(flagsCommand, store, ["confirm", "1"]);
    const { out } = await run(flagsCommand, store, ["list", "--status", "confirmed", "--json"]);
    const rows = out.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.status, r.statusBy])).toEqual([[1, "confirmed", "cli"]]);
    expect((await run(flagsCommand, store, ["list", "--status", "dismissed"])).out).toBe("没有符合条件的标记。\n");
  });

  it("confirms and dismisses with a reason, in the store", async () => {
    expect((await run(flagsCommand, store, ["confirm", "#1", "--by", "王主任"])).out).toBe("已将 #1 标为已确认（原为待处理）\n");
    expect(store.getFlag(1)).toMatchObject({ status: "confirmed", statusBy: "王主任" });
    const { out } = await run(flagsCommand, store, ["dismiss", "2", "--why", "街道自行检查，社区只通知居民"]);
    expect(out).toBe("已将 #2 标为误报（原为待处理）：街道自行检查，社区只通知居民\n");
    expect(store.getFlag(2)).toMatchObject({ status: "dismissed", statusNote: "街道自行检查，社区只通知居民" });
    await run(flagsCommand, store, ["dismiss", "3", "只是转发", "通知"]);
    expect(store.getFlag(3)?.statusNote).toBe("只是转发 通知");
  });

  it("usage problems are UserErrors in Chinese", async () => {
    expect(await usageError(flagsCommand, store, [])).toContain("缺少子命令");
    expect(await usageError(flagsCommand, store, ["purge"])).toContain("未知的子命令「purge」");
    expect(await usageError(flagsCommand, store, ["list", "--status", "old"])).toContain("--status 应为");
    expect(await usageError(flagsCommand, store, ["list", "--since", "yesterday"])).toContain("无法识别的时间「yesterday」");
    expect(await usageError(flagsCommand, store, ["list", "--colour"])).toContain("未知选项 --colour");
    expect(await usageError(flagsCommand, store, ["confirm"])).toContain("缺少标记编号");
    expect(await usageError(flagsCommand, store, ["confirm", "abc"])).toContain("标记编号应为正整数");
    expect(await usageError(flagsCommand, store, ["confirm", "99"])).toContain("没有编号为 99 的标记");
    expect(await usageError(flagsCommand, store, ["dismiss", "1"])).toContain("请说明原因");
    expect(store.getFlag(1)?.status).toBe("new");
  });
});

describe("CLI: digest", () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore(":memory:");
    const now = Date.now();
    store.addFlag(flagInput({ time: new Date(now - 2 * HOUR), messageId: "a" }));
    store.addFlag(flagInput({ time: new Date(now - HOUR), messageId: "b", category: "burden", citations: [] }));
    store.addFlag(flagInput({ time: new Date(now - 3 * 24 * HOUR), messageId: "old" }));
    store.addFlag(flagInput({ time: new Date(now - HOUR), messageId: "dis" }));
    store.setFlagStatus(4, "dismissed", "sup", "误报");
  });
  afterEach(() => store.close());

  it("prints the last 24 hours as DingTalk markdown by default, with item quotes from the KB", async () => {
    const { code, out } = await run(digestCommand, store, [], { engine: true });
    expect(code).toBe(0);
    expect(out).toContain("共标记 **2** 条：负面清单事项 1 条 · 违规加重负担 1 条");
    expect(out).toContain("gansu/negative/7「组织开展辖区内商铺、企业、餐饮单位燃气安全检查」");
    expect(out).not.toMatch(/\*\*#3\*\*|\*\*#4\*\*/);
    expect(out).toContain("回复「确认 1」或「误报 1 原因」处理");
  });

  it("works without the knowledge base, showing ids only", async () => {
    const { out } = await run(digestCommand, store, ["--format", "text"]);
    expect(out).toContain("负面清单事项：gansu/negative/7，置信度 93%");
  });

  it("prints CSV, JSON and the report; --since widens the window", async () => {
    const csv = parseCsv((await run(digestCommand, store, ["--format", "csv", "--since", "7d"])).out);
    expect(csv.slice(1).map((r) => r[0])).toEqual(["3", "1", "2"]);
    const json = JSON.parse((await run(digestCommand, store, ["--format", "json"])).out);
    expect(json.total).toBe(2);
    expect((await run(digestCommand, store, ["--format", "report", "--title", "城关街道周报"])).out).toMatch(/^# 城关街道周报\n/);
    expect((await run(digestCommand, store, ["--format", "csv", "--bom"])).out.startsWith("\uFEFF")).toBe(true);
  });

  it("is read-only: flags stay unsent; --unsent previews the next scheduled digest", async () => {
    await run(digestCommand, store, []);
    expect(store.listFlags({ unsent: true })).toHaveLength(4);
    expect(store.listDigests()).toEqual([]);
    store.markDigestSent([1], "dingtalk:sup", new Date());
    const json = JSON.parse((await run(digestCommand, store, ["--format", "json", "--unsent"])).out);
    expect(json.entries.map((e: { id: number }) => e.id)).toEqual([2]);
  });

  it("says so when the window is empty", async () => {
    const { out } = await run(digestCommand, store, ["--format", "text", "--since", "30m"]);
    expect(out).toContain("本期没有新的标记");
  });

  it("usage problems are UserErrors in Chinese", async () => {
    expect(await usageError(digestCommand, store, ["--format", "pdf"])).toContain("--format 应为 md、text、csv、json、report 之一");
    expect(await usageError(digestCommand, store, ["--since", "soon"])).toContain("无法识别的时间「soon」");
    expect(await usageError(digestCommand, store, ["--since", "1h", "--until", "2h"])).toContain("起始时间应早于结束时间");
    expect(await usageError(digestCommand, store, ["extra"])).toContain("多余的参数「extra」");
  });
});
