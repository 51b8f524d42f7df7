import { readFileSync } from "node:fs";

interface Case {
  kind: string;
  text: string;
  gold?: { flagged?: boolean };
}

/** The dev cases of shared/eval (the copy under test/eval). */
export function devCases(): Case[] {
  const path = new URL("../test/eval/dev.jsonl", import.meta.url);
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Case);
}

const CHAT = [
  "收到", "好的👌", "收到，马上安排", "辛苦了🙏", "明天几点开会？", "我下午去街道送材料", "今天入户走访完成了", "谁有打印机墨盒？",
  "3号楼电梯又坏了，已经报物业", "晚上食堂有饺子", "收到请回复", "材料已经发邮箱了", "👍", "明白", "好的，谢谢王主任", "这周的值班表发群里了",
  "老李家的低保材料补齐了", "@张三 你把表格再发一下", "哈哈哈", "周末有人加班吗", "会议室钥匙在我这", "下雨了，出门带伞",
];

/**
 * A realistic mix of group traffic, `n` messages: mostly chat, some notices that are fine, a few
 * pushes (shares as fractions). Notices and pushes come from the dev screen cases.
 */
export function messageMix(n: number, shares = { notice: 0.12, push: 0.03 }): string[] {
  const screen = devCases().filter((c) => c.kind === "screen");
  const pushes = screen.filter((c) => c.gold?.flagged).map((c) => c.text);
  const notices = screen.filter((c) => !c.gold?.flagged && c.text.length > 15).map((c) => c.text);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = (i * 7919) % 1000 / 1000;
    if (r < shares.push) out.push(pushes[i % pushes.length]);
    else if (r < shares.push + shares.notice) out.push(notices[i % notices.length]);
    else out.push(CHAT[i % CHAT.length]);
  }
  return out;
}
