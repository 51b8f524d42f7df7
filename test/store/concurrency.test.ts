import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { flagInput, tempDir } from "./helpers.js";

describe("two connections on one file", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it("interleaved writes from two stores in one process: all rows present, no SQLITE_BUSY", () => {
    const path = join(tmp.dir, "two.db");
    const a = openSqliteStore(path);
    const b = openSqliteStore(path);
    for (let i = 0; i < 200; i++) {
      a.addFlag(flagInput({ messageId: `a-${i}`, groupId: "ga" }));
      b.addFlag(flagInput({ messageId: `b-${i}`, groupId: "gb" }));
      if (i % 50 === 0) a.setFlagStatus(i + 1, "confirmed", "a"); // a write to a row b wrote
    }
    // Each sees the other's rows; the same message from both connections is stored once.
    expect(a.listFlags({ groupIds: ["gb"] })).toHaveLength(200);
    expect(b.listFlags({ groupIds: ["ga"] })).toHaveLength(200);
    expect(b.addFlag(flagInput({ messageId: "a-7" })).groupId).toBe("ga");
    expect(a.listFlags()).toHaveLength(400);
    expect(b.listFlags({ status: "confirmed" })).toHaveLength(4);
    a.close();
    b.close();
  });

  it("two processes migrating a new file and writing at the same time lose nothing", async () => {
    const path = join(tmp.dir, "race.db");
    const count = 300;
    const script = join(import.meta.dirname, "concurrent-writer.ts");
    const children = ["p1", "p2"].map((name) =>
      spawn(process.execPath, ["--import", "tsx", script, path, name, String(count)], { stdio: ["pipe", "pipe", "inherit"] }),
    );
    const lines = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
    // Both children are loaded before either opens the file, so they race on migrations too.
    for (const it of lines) expect((await it.next()).value).toBe("ready");
    for (const c of children) c.stdin!.end("go\n");
    const results = await Promise.all(lines.map(async (it) => JSON.parse((await it.next()).value as string)));
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    expect(results).toEqual([
      { added: count, errors: [] },
      { added: count, errors: [] },
    ]);
    const store = openSqliteStore(path);
    const flags = store.listFlags();
    expect(flags).toHaveLength(2 * count);
    expect(new Set(flags.map((f) => f.messageId)).size).toBe(2 * count);
    expect(store.listFlags({ groupIds: ["p1"] })).toHaveLength(count);
    store.close();
  });
});
