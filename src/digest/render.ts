import type { OutgoingMessage } from "../types.js";
import type { Digest } from "./digest.js";
import { renderCsv } from "./render-csv.js";
import { renderDingtalkMarkdown, type ChatRenderOptions } from "./render-dingtalk.js";
import { renderJson } from "./render-json.js";
import { renderReport } from "./render-report.js";
import { renderText } from "./render-text.js";

export const DIGEST_FORMATS = ["md", "text", "csv", "json", "report"] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export function isDigestFormat(v: string): v is DigestFormat {
  return (DIGEST_FORMATS as readonly string[]).includes(v);
}

/** The digest in one format: md (DingTalk markdown), text (WeChat), csv, json, report (printable). */
export function renderDigest(d: Digest, format: DigestFormat, opts: ChatRenderOptions & { bom?: boolean } = {}): string {
  switch (format) {
    case "md":
      return renderDingtalkMarkdown(d, opts);
    case "text":
      return renderText(d, opts);
    case "csv":
      return renderCsv(d, opts);
    case "json":
      return renderJson(d);
    case "report":
      return renderReport(d);
  }
}

/** The digest as a chat message: plain text for every platform, markdown for those that render it. */
export function digestMessage(d: Digest, opts: ChatRenderOptions = {}): OutgoingMessage {
  return { title: d.title, text: renderText(d, opts), markdown: renderDingtalkMarkdown(d, opts) };
}
