import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { buildDigest } from "../../src/digest/digest.js";
import { isDigestFormat, renderDigest } from "../../src/digest/render.js";
import { UserError } from "../../src/errors.js";
import { flagInputFor } from "../../src/store/flag-input.js";
import type { Flag } from "../../src/store/store.js";
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
    const store = values["dry-run"] ? undefined : ctx.store();
    const flags: Flag[] = [];
    let seen = 0;
    const now = new Date();
    for await (const line of lines) {
      const msg = parseLogLine(line, ctx.config.DIGEST_TIMEZONE);
      if (!msg || msg.text.length > ctx.config.MAX_TEXT_LENGTH) continue;
      seen++;
      const group = msg.group ?? defaultGroup;
      const result = await engine.screen(msg.text, { sender: msg.sender, group });
      if (!result.flagged || !result.category) continue;
      const message = {
        channel: "import",
        // Same line of the same group → same id, so importing a file twice stores it once.
        messageId: createHash("sha1").update(`${group}\n${line.trim()}`).digest("hex"),
        groupId: group,
        groupName: group,
        senderId: msg.sender ?? "",
        senderName: msg.sender ?? "",
        text: msg.text,
        mentionsBot: false,
        time: msg.time ?? now,
      };
      const input = flagInputFor(message, { ...result, category: result.category });
      flags.push(store ? store.addFlag(input) : { ...input, id: flags.length + 1, status: "new", statusBy: null, statusAt: null, statusNote: null, digestId: null, llmOpinion: null, reporterId: null, reporterName: null, reporterConsent: false } as Flag);
    }
    const times = flags.map((f) => f.time.getTime());
    const since = new Date(times.length ? Math.min(...times) : now.getTime());
    const until = new Date((times.length ? Math.max(...times) : now.getTime()) + 1);
    const describe = (id: string) => {
      const e = engine.kb.get(id);
      return e?.kind === "item" ? e.item.text : e?.passage.text;
    };
    const digest = buildDigest(flags, { since, until, title: `聊天记录筛查：${defaultGroup}`, timeZone: ctx.config.DIGEST_TIMEZONE, describe });
    ctx.stderr.write(`已筛查 ${seen} 条消息，标记 ${flags.length} 条${store ? "，已存入数据库" : "（试运行，未存入）"}。\n`);
    const text = renderDigest(digest, format);
    ctx.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    return 0;
  },
};

export default screenLog;
