import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import { openStore, retentionCutoff } from "../../src/store/open-store.js";
import { flagInput, tempDir } from "./helpers.js";

describe("openStore and retention", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it("opens the file the config names, under DATA_DIR by default", () => {
    const config = readConfig({ DATA_DIR: join(tmp.dir, "data") });
    const store = openStore(config);
    expect(store.path).toBe(join(tmp.dir, "data", "jianfu.db"));
    expect(existsSync(store.path)).toBe(true);
    store.close();
  });

  it("FLAG_RETENTION_DAYS → a cut-off that purges exactly the older flags", () => {
    const config = readConfig({ DATABASE_PATH: join(tmp.dir, "r.db"), FLAG_RETENTION_DAYS: "30" });
    const now = new Date("2026-11-21T00:00:00Z");
    const cutoff = retentionCutoff(config.FLAG_RETENTION_DAYS, now);
    expect(cutoff.toISOString()).toBe("2026-10-22T00:00:00.000Z");
    const store = openStore(config);
    store.addFlag(flagInput({ time: new Date("2026-10-21T23:59:59Z") }));
    store.addFlag(flagInput({ time: new Date("2026-10-22T00:00:00Z") }));
    expect(store.purgeBefore(cutoff)).toBe(1);
    expect(store.listFlags().map((f) => f.time.toISOString())).toEqual(["2026-10-22T00:00:00.000Z"]);
    store.close();
  });
});
