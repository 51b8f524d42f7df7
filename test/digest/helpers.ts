import type { Flag } from "../../src/store/store.js";

let nextId = 1;

/** A complete stored Flag; override what the test is about. */
export function flag(over: Partial<Flag> = {}): Flag {
  return {
    id: nextId++,
    time: new Date("2026-11-21T01:30:00Z"), // 09:30 in Shanghai
    channel: "wechat",
    groupId: "g1",
    groupName: "城关街道社区工作群",
    senderId: "u1",
    senderName: "街道安监办 王某",
    text: "各社区：请于周五前完成辖区商铺燃气安全检查，并报送检查台账。",
    category: "negative",
    citations: ["gansu/negative/7"],
    confidence: 0.93,
    reason: "要求社区开展燃气安全检查，属负面清单事项。",
    reporterId: null,
    reporterName: null,
    reporterConsent: false,
    llmOpinion: null,
    messageId: null,
    status: "new",
    statusBy: null,
    statusAt: null,
    statusNote: null,
    digestId: null,
    trace: [],
    kbVersion: null,
    ...over,
  };
}

export const SINCE = new Date("2026-11-20T10:00:00Z"); // 2026-11-20 18:00 Shanghai
export const UNTIL = new Date("2026-11-21T10:00:00Z"); // 2026-11-21 18:00 Shanghai

export const ITEM_TEXT: Record<string, string> = {
  "gansu/negative/7": "组织开展辖区内商铺、企业、餐饮单位燃气安全检查",
  "gansu/negative/12": "为辖区企业、商户出具经营场所证明等各类证明材料，对辖区内企业开展各类统计调查",
};

export const describe_ = (id: string): string | undefined => ITEM_TEXT[id];

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a BOM left to the caller. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
