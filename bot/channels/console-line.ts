import { mentionOf } from "../mention.js";

/** Parsing one line typed into the console "group". */

export type ConsoleLine =
  | { kind: "say"; speaker?: string; text: string; private: boolean }
  | { kind: "as"; name: string }
  | { kind: "help" }
  | { kind: "quit" }
  | { kind: "unknown"; command: string }
  | { kind: "empty" };

/** Words that start notices ("通知：…"), so a line starting with them is not someone speaking. */
const NOT_NAMES = new Set(
  "通知 注意 要求 备注 时间 地点 内容 附件 核查 说明 提醒 事项 任务 截止 目的 问题 回复 答复 重要 紧急 紧急通知 重要通知 各社区 请 问 答 附 注 例 如 原文 转发"
    .split(" "),
);

/** A speaker name: short, no spaces or punctuation. */
const NAME = /^([\p{L}\p{N}_·.-]{1,16})\s*[:：]\s*(.*)$/su;

/**
 * `张三: 文本` (ASCII or full-width colon) is said by 张三; other text by the current speaker;
 * `/as 名字`, `/help`, `/private 文本` (or `/私聊`), `/quit`.
 */
export function parseConsoleLine(line: string): ConsoleLine {
  const text = line.trim();
  if (!text) return { kind: "empty" };
  if (text.startsWith("/")) {
    const [command, ...rest] = text.slice(1).split(/\s+/);
    const arg = rest.join(" ").trim();
    switch (command.toLowerCase()) {
      case "help":
      case "帮助":
        return { kind: "help" };
      case "as":
      case "身份":
        return arg ? { kind: "as", name: arg } : { kind: "unknown", command: text };
      case "private":
      case "p":
      case "私聊":
        return arg ? { ...speakerAndText(arg), kind: "say", private: true } : { kind: "unknown", command: text };
      case "quit":
      case "exit":
      case "退出":
        return { kind: "quit" };
      default:
        return { kind: "unknown", command: text };
    }
  }
  return { ...speakerAndText(text), kind: "say", private: false };
}

function speakerAndText(text: string): { speaker?: string; text: string } {
  const m = NAME.exec(text);
  if (!m || NOT_NAMES.has(m[1]) || !m[2].trim() || m[2].startsWith("//")) return { text };
  return { speaker: m[1], text: m[2].trim() };
}

/** Removes `@name` (or `＠name`) of the bot; tells whether it was there. */
export function stripMention(text: string, botName: string): { text: string; mentioned: boolean } {
  const at = mentionOf(botName);
  if (!at.test(text)) return { text: text.trim(), mentioned: false };
  return { text: text.replace(at, " ").replace(/[\s\u2005]+/g, " ").trim(), mentioned: true };
}
