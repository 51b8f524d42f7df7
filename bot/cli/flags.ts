import { parseArgs, type ParseArgsConfig } from "node:util";
import { excerpt } from "../../src/digest/excerpt.js";
import { CATEGORY_LABELS, percent, STATUS_LABELS } from "../../src/digest/labels.js";
import { parseSince } from "../../src/digest/period.js";
import { displayGroup, displaySender } from "../../src/digest/sender.js";
import { formatDateTime } from "../../src/digest/time-zone.js";
import { UserError } from "../../src/errors.js";
import type { Flag, FlagStatus } from "../../src/store/store.js";
import type { CliCommand, CliContext } from "./command.js";

const USAGE = [
  "flags list [--status new|confirmed|dismissed] [--since 24h|7d|2026-11-01] [--group 群ID] [--limit N] [--json]",
  "flags confirm ID [--by 处理人] [--note 备注]",
  "flags dismiss ID --why 原因 [--by 处理人]",
].join("\n       ");

const STATUSES: readonly FlagStatus[] = ["new", "confirmed", "dismissed"];

/** `flags`: list flagged messages, confirm one, or dismiss one as a false alarm. */
const flags: CliCommand = {
  name: "flags",
  summary: "查看标记，确认或标为误报",
  usage: USAGE,
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    switch (sub) {
      case "list":
        return list(ctx, rest);
      case "confirm":
        return setStatus(ctx, rest, "confirmed");
      case "dismiss":
        return setStatus(ctx, rest, "dismissed");
      default:
        throw new UserError(`${sub ? `未知的子命令「${sub}」` : "缺少子命令"}。用法：\n       ${USAGE}`);
    }
  },
};
export default flags;

function list(ctx: CliContext, args: string[]): number {
  const { values } = parseOptions(args, {
    status: { type: "string" },
    since: { type: "string" },
    group: { type: "string", multiple: true },
    limit: { type: "string" },
    json: { type: "boolean" },
  });
  const status = values.status as string | undefined;
  if (status !== undefined && !STATUSES.includes(status as FlagStatus)) {
    throw new UserError(`--status 应为 new、confirmed 或 dismissed，而不是「${status}」`);
  }
  const limit = values.limit === undefined ? 200 : Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UserError(`--limit 应为正整数，而不是「${String(values.limit)}」`);
  const timeZone = ctx.config.DIGEST_TIMEZONE;
  const since = values.since === undefined ? undefined : parseSince(String(values.since), { timeZone });
  const found = ctx.store().listFlags({
    status: status as FlagStatus | undefined,
    since,
    groupIds: values.group as string[] | undefined,
    limit,
  });
  if (values.json) {
    for (const f of found) ctx.stdout.write(JSON.stringify(publicFlag(f)) + "\n");
    return 0;
  }
  if (found.length === 0) {
    ctx.stdout.write("没有符合条件的标记。\n");
    return 0;
  }
  for (const f of found) ctx.stdout.write(flagLine(f, timeZone) + "\n");
  if (found.length === limit) ctx.stdout.write(`（只列出前 ${limit} 条，可用 --limit 调整）\n`);
  return 0;
}

function setStatus(ctx: CliContext, args: string[], status: "confirmed" | "dismissed"): number {
  const { values, positionals } = parseOptions(
    args,
    { by: { type: "string" }, note: { type: "string" }, why: { type: "string" } },
    true,
  );
  const [idText, ...words] = positionals;
  const id = parseId(idText);
  // `flags dismiss 12 街道自查` reads like the chat command 「误报 12 原因」.
  const note = ((values.why ?? values.note) as string | undefined) ?? (words.length ? words.join(" ") : undefined);
  if (status === "dismissed" && !note?.trim()) {
    throw new UserError("标为误报请说明原因，例如：flags dismiss 12 --why 街道自行检查，社区仅通知居民");
  }
  const store = ctx.store();
  const before = store.getFlag(id);
  if (!before) throw new UserError(`没有编号为 ${id} 的标记，可用 flags list 查看`);
  const after = store.setFlagStatus(id, status, (values.by as string | undefined) ?? "cli", note?.trim());
  if (!after) throw new UserError(`没有编号为 ${id} 的标记，可用 flags list 查看`);
  const was = before.status === status ? "" : `（原为${STATUS_LABELS[before.status]}）`;
  ctx.stdout.write(`已将 #${id} 标为${STATUS_LABELS[status]}${was}${after.statusNote ? `：${after.statusNote}` : ""}\n`);
  return 0;
}

function parseId(text: string | undefined): number {
  if (text === undefined) throw new UserError("缺少标记编号，例如：flags confirm 12");
  const m = /^#?(\d{1,15})$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UserError(`标记编号应为正整数，而不是「${text}」`);
  return Number(m[1]);
}

/** One line per flag; the sender as a supervisor may see it. */
function flagLine(f: Flag, timeZone: string): string {
  return [
    `#${f.id}`,
    formatDateTime(f.time, timeZone),
    STATUS_LABELS[f.status],
    CATEGORY_LABELS[f.category],
    displayGroup(f),
    displaySender(f),
    percent(f.confidence),
    f.citations[0] ?? "—",
    excerpt(f.text, 40),
  ].join("  ");
}

/** A flag without reporter identity or platform user ids, for --json. */
function publicFlag(f: Flag) {
  return {
    id: f.id,
    time: f.time.toISOString(),
    channel: f.channel,
    groupId: f.groupId,
    group: displayGroup(f),
    sender: displaySender(f),
    category: f.category,
    citations: f.citations,
    confidence: f.confidence,
    reason: f.reason,
    text: f.text,
    status: f.status,
    statusBy: f.statusBy,
    statusAt: f.statusAt?.toISOString() ?? null,
    statusNote: f.statusNote,
    sent: f.digestId !== null,
  };
}

/** util.parseArgs with its errors turned into UserError in Chinese. */
function parseOptions(args: string[], options: NonNullable<ParseArgsConfig["options"]>, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UserError(`${argumentProblem(err)}。用法：\n       ${USAGE}`, { cause: err });
  }
}

function argumentProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  const name = /'([^']+)'/.exec((err as Error).message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `未知选项 ${name}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `多余的参数「${name}」`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项 ${name.split(" ")[0]} 的值有误`;
  return `参数有误：${(err as Error).message}`;
}
