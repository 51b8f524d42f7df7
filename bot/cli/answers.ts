import { parseArgs } from "node:util";
import { parseSince } from "../../src/digest/period.js";
import { formatDateTime } from "../../src/digest/time-zone.js";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";

/** `answers`: the answer log for review: question, verdict, citations, and the asker's feedback. */
const answers: CliCommand = {
  name: "answers",
  summary: "查看机器人答复记录（问题、结论、引用、反馈），供复核",
  usage: "answers [--since 7d|2026-11-01] [--feedback] [--limit N] [--json]",
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: { since: { type: "string", default: "7d" }, feedback: { type: "boolean", default: false }, limit: { type: "string", default: "100" }, json: { type: "boolean", default: false } },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UserError("--limit 应为正整数");
    const since = parseSince(values.since!, { timeZone: ctx.config.DIGEST_TIMEZONE });
    const rows = ctx
      .store()
      .listAnswers({ since, limit })
      .filter((a) => !values.feedback || a.feedback.length > 0);
    if (values.json) {
      for (const a of rows) ctx.stdout.write(JSON.stringify(a) + "\n");
      return 0;
    }
    if (rows.length === 0) ctx.stdout.write(values.feedback ? "这段时间没有带反馈的答复。\n" : "这段时间没有答复记录。\n");
    for (const a of rows) {
      const when = formatDateTime(a.time, ctx.config.DIGEST_TIMEZONE);
      ctx.stdout.write(`#${a.id}  ${when}  ${a.channel}  ${a.verdict}  ${a.citations.join(",") || "-"}  ${a.question}\n`);
      for (const f of a.feedback) ctx.stdout.write(`      反馈（${formatDateTime(f.at, ctx.config.DIGEST_TIMEZONE)}）：${f.text}\n`);
    }
    return 0;
  },
};

export default answers;
