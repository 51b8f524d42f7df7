import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.js";
import { ConfigError } from "../../src/errors.js";
import { describe_, flag, SINCE, UNTIL } from "./helpers.js";

const window = { since: SINCE, until: UNTIL };

describe("buildDigest", () => {
  it("counts by category, group and sender, leaving dismissed flags out", () => {
    const flags = [
      flag({ id: 1 }),
      flag({ id: 2, category: "burden", citations: [], groupId: "g2", groupName: "东关社区群", senderName: "李科长", senderId: "u2" }),
      flag({ id: 3, time: new Date("2026-11-21T02:00:00Z") }),
      flag({ id: 4, status: "dismissed", statusBy: "sup", statusNote: "街道自查" }),
      flag({ id: 5, status: "confirmed", groupId: "g2", groupName: "东关社区群" }),
    ];
    const d = buildDigest(flags, window);
    expect(d.total).toBe(4);
    expect(d.entries.map((e) => e.id)).toEqual([1, 2, 5, 3]);
    expect(d.byCategory).toEqual([
      { category: "negative", label: "负面清单事项", count: 3 },
      { category: "burden", label: "违规加重负担", count: 1 },
    ]);
    expect(d.byGroup).toEqual([
      { label: "东关社区群", count: 2 },
      { label: "城关街道社区工作群", count: 2 },
    ].sort((a, b) => a.label.localeCompare(b.label, "zh-CN")));
    expect(d.bySender).toEqual([
      { label: "街道安监办 王某", count: 3 },
      { label: "李科长", count: 1 },
    ]);
    expect(d.entries.find((e) => e.id === 5)?.status).toBe("confirmed");
  });

  it("keeps only the window [since, until) and the scope groups", () => {
    const flags = [
      flag({ id: 1, time: SINCE }),
      flag({ id: 2, time: UNTIL }),
      flag({ id: 3, time: new Date(SINCE.getTime() - 1) }),
      flag({ id: 4, groupId: "g9", groupName: "别的街道群" }),
      flag({ id: 5, groupId: null, groupName: null }),
    ];
    expect(buildDigest(flags, window).entries.map((e) => e.id)).toEqual([1, 4, 5]);
    const scoped = buildDigest(flags, { ...window, scopeGroups: ["g1"] });
    expect(scoped.entries.map((e) => e.id)).toEqual([1]);
    expect(scoped.byGroup).toEqual([{ label: "城关街道社区工作群", count: 1 }]);
  });

  it("excerpts to 60 characters and quotes the matched item short", () => {
    const long = "各社区：" + "请于本周五前完成辖区内全部商铺的燃气安全检查".repeat(5);
    const d = buildDigest([flag({ id: 1, text: long, citations: ["gansu/negative/12", "gansu/negative/7"] })], {
      ...window,
      describe: describe_,
    });
    const e = d.entries[0]!;
    expect(Array.from(e.excerpt)).toHaveLength(61);
    expect(e.excerpt.endsWith("…")).toBe(true);
    expect(long.startsWith(e.excerpt.slice(0, -1))).toBe(true);
    expect(e.text).toBe(long);
    expect(e.item).toEqual({ id: "gansu/negative/12", quote: "为辖区企业、商户出具经营场所证明等各类证明材料，对辖区内企业…" });
    expect(e.citations).toEqual(["gansu/negative/12", "gansu/negative/7"]);
  });

  it("shows the item id alone without describe, and no item without citations", () => {
    const d = buildDigest([flag({ id: 1 }), flag({ id: 2, citations: [] })], window);
    expect(d.entries[0]!.item).toEqual({ id: "gansu/negative/7", quote: null });
    expect(d.entries[1]!.item).toBeNull();
  });

  it("never reveals a reporter who did not consent; shows the original sender", () => {
    const d = buildDigest(
      [
        // Forwarded privately, the original sender named in the forward.
        flag({ id: 1, groupId: null, groupName: null, senderId: null, senderName: "街道综治办 赵某", reporterId: "w7", reporterName: "网格员小刘" }),
        // The router stored the reporter as sender: must not show.
        flag({ id: 2, senderId: "w7", senderName: "网格员小刘", reporterId: "w7", reporterName: "网格员小刘" }),
        // Consent given: both shown.
        flag({ id: 3, senderName: "街道综治办 赵某", reporterId: "w8", reporterName: "网格员小陈", reporterConsent: true }),
      ],
      window,
    );
    const [a, b, c] = d.entries;
    expect(a!.sender).toBe("街道综治办 赵某");
    expect(a!.group).toBe("（私聊转发核查）");
    expect(a!.forwarded).toBe(true);
    expect(b!.sender).toBe("（转发核查，未注明原发送人）");
    expect(c!.sender).toBe("街道综治办 赵某（网格员小陈 转发）");
    const everything = JSON.stringify(d);
    expect(everything).not.toContain("网格员小刘");
    expect(everything).not.toContain("w7");
    expect(d.bySender.map((t) => t.label)).not.toContain("网格员小刘");
  });

  it("uses the title given, else the default; rejects an unknown time zone in Chinese", () => {
    expect(buildDigest([], window).title).toBe("减负助手督导汇总");
    expect(buildDigest([], { ...window, title: "城关街道11月减负周报" }).title).toBe("城关街道11月减负周报");
    expect(() => buildDigest([], { ...window, timeZone: "Mars/Olympus" })).toThrow(ConfigError);
    expect(() => buildDigest([], { ...window, timeZone: "Mars/Olympus" })).toThrow(/时区「Mars\/Olympus」无效/);
  });
});
