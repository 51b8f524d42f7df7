import { parseArgs, type ParseArgsConfig } from "node:util";
import { digestFromStore } from "../../src/digest/from-store.js";
import { parseSince } from "../../src/digest/period.js";
import { DIGEST_FORMATS, isDigestFormat, renderDigest } from "../../src/digest/render.js";
import { UserError } from "../../src/errors.js";
import { pendingQuery } from "../../src/store/flag-query.js";
import type { CliCommand, CliContext } from "./command.js";

const USAGE =
  "digest [--since 24h|7d|2026-11-01] [--until 时间] [--format md|text|csv|json|report] [--group 群ID]… [--unsent] [--title 标题] [--bom] [--no-quote]";

/** `digest`: prints the digest for a window to stdout. Read-only: flags are not marked as sent. */
const digest: CliCommand = {
  name: "digest",
  summary: "输出标记汇总（钉钉 Markdown、纯文本、CSV、JSON 或可打印报告）",
  usage: USAGE,
  async run(ctx) {
    const { values } = parseOptions(ctx.args, {
      since: { type: "string", default: "24h" },
      until: { type: "string" },
      format: { type: "string", default: "md" },
      group: { type: "string", multiple: true },
      unsent: { type: "boolean" },
      title: { type: "string" },
      bom: { type: "boolean" },
      "no-quote": { type: "boolean" },
    });
    const format = String(values.format);
    if (!isDigestFormat(format)) {
      throw new UserError(`--format 应为 ${DIGEST_FORMATS.join("、")} 之一，而不是「${format}」`);
    }
    const timeZone = ctx.config.DIGEST_TIMEZONE;
    const now = new Date();
    const since = parseSince(String(values.since), { now, timeZone });
    const until = values.until === undefined ? now : parseSince(String(values.until), { now, timeZone });
    if (since.getTime() >= until.getTime()) throw new UserError("起始时间应早于结束时间，请检查 --since 和 --until");
    const opts = {
      since,
      until,
      timeZone,
      scopeGroups: values.group as string[] | undefined,
      query: values.unsent === true ? pendingQuery() : undefined,
      title: values.title as string | undefined,
    };
    let d = digestFromStore(ctx.store(), opts);
    // The knowledge base is loaded only when there is an item to quote.
    if (!values["no-quote"] && d.entries.some((e) => e.item)) {
      const describe = await itemDescriber(ctx);
      if (describe) d = digestFromStore(ctx.store(), { ...opts, describe });
    }
    ctx.stdout.write(withNewline(renderDigest(d, format, { bom: values.bom === true })));
    return 0;
  },
};
export default digest;

/** Item texts from the knowledge base for the short quotes; without it the digest shows ids only. */
async function itemDescriber(ctx: CliContext): Promise<((id: string) => string | undefined) | undefined> {
  try {
    const { kb } = await ctx.engine();
    return (id) => {
      const entry = kb.get(id);
      if (!entry) return undefined;
      return entry.kind === "item" ? entry.item.text : entry.passage.text;
    };
  } catch (err) {
    ctx.logger.warn({ err }, "knowledge base unavailable: digest shows item ids without quotes");
    return undefined;
  }
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** util.parseArgs with its errors turned into UserError in Chinese. */
function parseOptions(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const name = /'([^']+)'/.exec((err as Error).message)?.[1] ?? "";
    const problem =
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? `未知选项 ${name}`
        : code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
          ? `多余的参数「${name}」`
          : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
            ? `选项 ${name.split(" ")[0]} 的值有误`
            : `参数有误：${(err as Error).message}`;
    throw new UserError(`${problem}。用法：${USAGE}`, { cause: err });
  }
}
