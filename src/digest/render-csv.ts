import type { Digest } from "./digest.js";
import { STATUS_LABELS } from "./labels.js";
import { formatDateTime } from "./time-zone.js";

export interface CsvOptions {
  /** Prefix a UTF-8 byte order mark, so Excel opens the Chinese text correctly. */
  bom?: boolean;
}

export const CSV_HEADER = ["编号", "时间", "渠道", "群", "发送人", "类别", "匹配条目", "条目摘录", "置信度", "状态", "原文", "判断理由"];

/** One row per flag, RFC 4180 quoting, CRLF line ends; time in the digest's zone. */
export function renderCsv(d: Digest, opts: CsvOptions = {}): string {
  const rows = d.entries.map((e) => [
    String(e.id),
    formatDateTime(e.time, d.timeZone),
    e.channel,
    e.group,
    e.sender,
    e.categoryLabel,
    e.item?.id ?? "",
    e.item?.quote ?? "",
    e.confidence.toFixed(2),
    STATUS_LABELS[e.status],
    e.text,
    e.reason,
  ]);
  const body = [CSV_HEADER, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  return (opts.bom ? "\uFEFF" : "") + body;
}

/** Quotes a field when it holds a comma, quote or line break; doubles inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
