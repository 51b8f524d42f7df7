import { describe, expect, it } from "vitest";
import { digestFromStore } from "../../src/digest/from-store.js";
import { pendingQuery } from "../../src/store/flag-query.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { flagInput } from "../store/helpers.js";

describe("digestFromStore", () => {
  it("a scheduled digest does not repeat flags already sent, and respects scope", () => {
    const store = openSqliteStore(":memory:");
    const at = (h: number) => new Date(Date.UTC(2026, 10, 21, h));
    store.addFlag(flagInput({ time: at(1), messageId: "1" }));
    store.addFlag(flagInput({ time: at(2), messageId: "2", groupId: "g2", groupName: "东关社区群" }));
    const window = { since: at(0), until: at(12), query: pendingQuery() };

    const first = digestFromStore(store, window);
    expect(first.entries.map((e) => e.id)).toEqual([1, 2]);
    store.markDigestSent(first.entries.map((e) => e.id), "dingtalk:sup", at(10));

    store.addFlag(flagInput({ time: at(11), messageId: "3" }));
    store.addFlag(flagInput({ time: at(11), messageId: "4" }));
    store.setFlagStatus(4, "dismissed", "sup", "误报");
    const second = digestFromStore(store, window);
    expect(second.entries.map((e) => e.id)).toEqual([3]);
    expect(second.total).toBe(1);

    // On demand (not unsent-only) everything in the window that is not dismissed.
    expect(digestFromStore(store, { since: at(0), until: at(12) }).entries.map((e) => [e.id, e.sent])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(digestFromStore(store, { since: at(0), until: at(12), scopeGroups: ["g2"] }).entries.map((e) => e.id)).toEqual([2]);
    store.close();
  });
});
