import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { digestFromStore } from "../../src/digest/from-store.js";
import { isDigestFormat, renderDigest } from "../../src/digest/render.js";
import { UserError } from "../../src/errors.js";
import { isFlagged, recordFlag } from "../../src/store/flag-record.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { firstPart } from "../first-part.js";
import { parseLogLine } from "./chat-log.js";
import type { CliCommand } from "./command.js";
import { readLines } from "./read-lines.js";

const screenLog: CliCommand = {
  name: "screen-log",
  summary: "筛查导出的聊天记录（每行一条消息或 JSON），标记存入数据库并打印汇总",
  usage: "screen-log FILE|- [--group 群名] [--format text|md|csv|json|report] [--dry-run]",
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      options: { group: { type: "string" }, format: { type: "string", default: "text" }, "dry-run": { type: "boolean", default: false } },
    });
    const file = positionals[0];
    if (!file) throw new UserError("请给出聊天记录文件，例如：screen-log 聊天记录.txt");
    const format = values.format ?? "text";
    if (!isDigestFormat(format)) throw new UserError(`--format 不支持「${format}」`);
    const defaultGroup = values.group ?? (file === "-" ? "导入的聊天记录" : basename(file).replace(/\.[^.]+$/, ""));
    const lines = readLines(file, ctx.stdin);
    const engine = await ctx.engine();
    // A dry run records into a throwaway store, so the digest is made the one way either way.
    const dry = values["dry-run"];
    const store = dry ? openSqliteStore(":memory:") : ctx.store();
    const ids: number[] = [];
    let seen = 0;
    const now = new Date();
    try {
      for await (const line of lines) {
        const msg = parseLogLine(line, ctx.config.DIGEST_TIMEZONE);
        if (!msg) continue;
        seen++;
        const group = msg.group ?? defaultGroup;
        const text = firstPart(msg.text, ctx.config.MAX_TEXT_LENGTH);
        const result = await engine.screen(text, { sender: msg.sender, group });
        if (!isFlagged(result)) continue;
        const message = {
          channel: "import",
          // Same line of the same group → same id, so importing a file twice stores it once.
          messageId: createHash("sha1").update(`${group}\n${line.trim()}`).digest("hex"),
          groupId: group,
          groupName: group,
          senderId: msg.sender ?? "",
          senderName: msg.sender ?? "",
          time: msg.time ?? now,
        };
        ids.push(recordFlag(store, { message, text }, result, engine.kb.hash).id);
      }
      const range = store.summarizeFlags({ ids });
      const digest = digestFromStore(store, {
        query: { ids },
        since: range.earliest ?? now,
        until: new Date((range.latest ?? now).getTime() + 1),
        title: `聊天记录筛查：${defaultGroup}`,
        timeZone: ctx.config.DIGEST_TIMEZONE,
        describe: (id) => {
          const e = engine.kb.get(id);
          return e?.kind === "item" ? e.item.text : e?.passage.text;
        },
      });
      ctx.stderr.write(`已筛查 ${seen} 条消息，标记 ${ids.length} 条${dry ? "（试运行，未存入）" : "，已存入数据库"}。\n`);
      const text = renderDigest(digest, format);
      ctx.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    } finally {
      if (dry) store.close();
    }
    return 0;
  },
};

export default screenLog;
