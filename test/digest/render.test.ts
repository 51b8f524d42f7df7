import { describe, expect, it } from "vitest";
import { buildDigest, type Digest } from "../../src/digest/digest.js";
import { CSV_HEADER, renderCsv } from "../../src/digest/render-csv.js";
import { renderDingtalkMarkdown } from "../../src/digest/render-dingtalk.js";
import { parseDigestJson, renderJson } from "../../src/digest/render-json.js";
import { renderReport } from "../../src/digest/render-report.js";
import { renderText } from "../../src/digest/render-text.js";
import { digestMessage, renderDigest } from "../../src/digest/render.js";
import { describe_, flag, parseCsv, SINCE, UNTIL } from "./helpers.js";

function sample(): Digest {
  return buildDigest(
    [
      flag({ id: 12 }),
      flag({
        id: 15,
        time: new Date("2026-11-21T03:05:00Z"),
        category: "burden",
        citations: ["doc/guandu-2022-61#p3"],
        confidence: 0.714,
        groupId: "g2",
        groupName: "东关社区群",
        senderName: "宣传办 \"小周\"",
        text: '请各社区组织居民下载"平安XX"APP，每个社区不少于500人，\n截图报送, 周五前。',
        reason: "要求社区完成 APP 下载指标。",
        status: "confirmed",
      }),
      flag({ id: 13, status: "dismissed" }),
      flag({ id: 14, groupId: null, groupName: null, senderName: "网格员小刘", senderId: "w7", reporterId: "w7", reporterName: "网格员小刘" }),
    ],
    { since: SINCE, until: UNTIL, describe: describe_ },
  );
}

const empty = () => buildDigest([flag({ status: "dismissed" })], { since: SINCE, until: UNTIL });

describe("DingTalk markdown", () => {
  it("has the period, totals, each flag in Shanghai time, and the command hint", () => {
    const md = renderDingtalkMarkdown(sample());
    expect(md).toContain("### 减负助手督导汇总");
    expect(md).toContain("**时段**：2026-11-20 18:00 至 2026-11-21 18:00");
    expect(md).toContain("共标记 **3** 条：负面清单事项 2 条 · 违规加重负担 1 条");
    expect(md).toContain("**#12** · 11-21 09:30 · 城关街道社区工作群 · 街道安监办 王某");
    expect(md).toContain("**#15** · 11-21 11:05 · 东关社区群");
    expect(md).toContain("gansu/negative/7「组织开展辖区内商铺、企业、餐饮单位燃气安全检查」 · 置信度 93%");
    expect(md).toContain("置信度 71%");
    expect(md).toContain("已确认");
    expect(md).toContain("回复「确认 12」或「误报 12 原因」处理");
    expect(md).not.toContain("#13");
    expect(md).not.toContain("网格员小刘");
  });

  it("lists at most maxEntries and counts the rest", () => {
    const md = renderDingtalkMarkdown(sample(), { maxEntries: 1 });
    expect(md).toContain("**#12**");
    expect(md).not.toContain("**#15**");
    expect(md).toContain("另有 2 条未列出");
  });

  it("escapes markdown in message text", () => {
    const d = buildDigest([flag({ id: 1, text: "# 紧急 **务必** [链接](x)" })], { since: SINCE, until: UNTIL });
    expect(renderDingtalkMarkdown(d)).toContain("> \\# 紧急 \\*\\*务必\\*\\* \\[链接\\](x)");
  });

  it("says so when there is nothing new", () => {
    const md = renderDingtalkMarkdown(empty());
    expect(md).toContain("本期没有新的标记");
    expect(md).not.toContain("回复「确认");
  });
});

describe("plain text for WeChat", () => {
  it("carries the same facts without markup", () => {
    const text = renderText(sample());
    expect(text.split("\n").slice(0, 5)).toEqual([
      "【减负助手督导汇总】",
      "时段：2026-11-20 18:00 至 2026-11-21 18:00",
      "共标记 3 条：负面清单事项 2 条，违规加重负担 1 条",
      "按群：（私聊转发核查） 1，城关街道社区工作群 1，东关社区群 1",
      "按发送人：（转发核查，未注明原发送人） 1，街道安监办 王某 1，宣传办 \"小周\" 1",
    ]);
    expect(text).toContain("#12 11-21 09:30｜城关街道社区工作群｜街道安监办 王某\n“各社区：请于周五前完成辖区商铺燃气安全检查，并报送检查台账。”");
    expect(text).toContain("违规加重负担：doc/guandu-2022-61#p3，置信度 71%");
    expect(text.trimEnd().endsWith("回复「确认 12」或「误报 12 原因」处理")).toBe(true);
    expect(text).not.toMatch(/\*\*|###/);
    expect(text).not.toContain("网格员小刘");
  });

  it("says so when there is nothing new", () => {
    expect(renderText(empty())).toBe("【减负助手督导汇总】\n时段：2026-11-20 18:00 至 2026-11-21 18:00\n本期没有新的标记。");
  });
});

describe("CSV", () => {
  it("parses back to the same rows, with quoting of commas, quotes and line breaks", () => {
    const d = sample();
    const csv = renderCsv(d);
    expect(csv.startsWith("\uFEFF")).toBe(false);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(1 + d.entries.length);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get("15")).toEqual([
      "15",
      "2026-11-21 11:05",
      "wechat",
      "东关社区群",
      '宣传办 "小周"',
      "违规加重负担",
      "doc/guandu-2022-61#p3",
      "",
      "0.71",
      "已确认",
      '请各社区组织居民下载"平安XX"APP，每个社区不少于500人，\n截图报送, 周五前。',
      "要求社区完成 APP 下载指标。",
    ]);
    expect(byId.get("12")?.[7]).toBe("组织开展辖区内商铺、企业、餐饮单位燃气安全检查");
    expect(byId.get("14")?.[4]).toBe("（转发核查，未注明原发送人）");
    expect(csv).not.toContain("网格员小刘");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("adds a UTF-8 BOM on request; an empty digest is the header alone", () => {
    expect(renderCsv(sample(), { bom: true }).startsWith("\uFEFF编号,")).toBe(true);
    expect(parseCsv(renderCsv(empty()))).toEqual([CSV_HEADER]);
  });
});

describe("JSON", () => {
  it("round-trips to the same digest", () => {
    const d = sample();
    const json = renderJson(d);
    expect(parseDigestJson(json)).toEqual(d);
    const raw = JSON.parse(json);
    expect(raw.since).toBe("2026-11-20T10:00:00.000Z");
    expect(raw.entries.map((e: { id: number }) => e.id)).toEqual([12, 14, 15]);
    expect(json).not.toContain("网格员小刘");
    expect(JSON.parse(renderJson(empty()))).toMatchObject({ total: 0, entries: [] });
  });
});

describe("printable report", () => {
  it("has title, period, summary table, detail table and evidence with the full text", () => {
    const r = renderReport(sample());
    expect(r.startsWith("# 减负助手督导汇总\n")).toBe(true);
    expect(r).toContain("- 统计时段：2026-11-20 18:00 至 2026-11-21 18:00（Asia/Shanghai）");
    expect(r).toContain("| 负面清单事项 | 2 |\n| 违规加重负担 | 1 |\n| 合计 | 3 |");
    expect(r).toContain("| #12 | 2026-11-21 09:30 | 城关街道社区工作群 | 街道安监办 王某 | 负面清单事项 | gansu/negative/7 | 93% | 待处理 |");
    expect(r).toContain("## 证据");
    expect(r).toContain("### #15 违规加重负担");
    expect(r).toContain('> 请各社区组织居民下载"平安XX"APP，每个社区不少于500人，\n> 截图报送, 周五前。');
    expect(r).not.toContain("网格员小刘");
  });

  it("says so when there is nothing new", () => {
    const r = renderReport(empty());
    expect(r).toContain("本期没有新的标记");
    expect(r).not.toContain("## 证据");
  });
});

describe("renderDigest / digestMessage", () => {
  it("dispatches every format and builds a chat message", () => {
    const d = sample();
    expect(renderDigest(d, "md")).toBe(renderDingtalkMarkdown(d));
    expect(renderDigest(d, "text")).toBe(renderText(d));
    expect(renderDigest(d, "csv", { bom: true })).toBe(renderCsv(d, { bom: true }));
    expect(renderDigest(d, "json")).toBe(renderJson(d));
    expect(renderDigest(d, "report")).toBe(renderReport(d));
    expect(digestMessage(d)).toEqual({ title: "减负助手督导汇总", text: renderText(d), markdown: renderDingtalkMarkdown(d) });
  });

  it("renders times in the time zone asked for", () => {
    const d = buildDigest([flag({ id: 1 })], { since: SINCE, until: UNTIL, timeZone: "UTC" });
    expect(renderText(d)).toContain("#1 11-21 01:30｜");
    expect(renderText(d)).toContain("时段：2026-11-20 10:00 至 2026-11-21 10:00");
  });
});
