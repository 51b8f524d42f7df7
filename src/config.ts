import { Cron } from "croner";
import { z } from "zod";
import { describeIssue } from "./config-issues.js";
import { ConfigError } from "./errors.js";
import { DEFAULT_REGION } from "./policy/places.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);
const list = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

/**
 * `dingtalk:uid` / `dingtalk:corpId/uid` / `wechat:wxid` / `console:张三`; a bare id counts for
 * every channel. On DingTalk a user id is only unique inside an organisation: without a corp id
 * the entry means a user of the bot's own organisation.
 */
const supervisors = list.transform((entries) =>
  entries.map((e) => {
    const i = e.indexOf(":");
    const channel = i > 0 ? e.slice(0, i) : "*";
    const id = i > 0 ? e.slice(i + 1) : e;
    const slash = channel === "dingtalk" ? id.indexOf("/") : -1;
    return slash > 0 ? { channel, org: id.slice(0, slash), id: id.slice(slash + 1) } : { channel, id };
  }),
);

/** One DIGEST_TARGETS entry: channel, kind, id. */
export const DIGEST_TARGET = /^([a-z]+):(group|room|user):(.+)$/;

/** "dingtalk:cid123=云南省昆明市西山区" entries: a group (id or name, optionally per channel) and its region. */
const groupRegions = z
  .string()
  .default("")
  .transform((v, ctx) =>
    v
      .split(/[;；\n]+|[,，](?=[^,，=]*=)/)
      .map((e) => e.trim())
      .filter(Boolean)
      .flatMap((e) => {
        const m = /^(?:(console|dingtalk|wechat):)?(.+?)\s*=\s*(.+)$/.exec(e);
        if (m) return [{ channel: m[1] ?? "*", group: m[2].trim(), region: m[3].trim() }];
        ctx.addIssue({ code: "custom", message: `“${e}”应写成 群id或群名=地区，如 dingtalk:cid123=云南省昆明市西山区` });
        return [];
      }),
  );

const schema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BOT_NAME: z.string().default("减负助手"),
  KNOWLEDGE_DIR: z.string().default("knowledge"),
  DATA_DIR: z.string().default("data"),
  DATABASE_PATH: optionalText,
  FLAG_RETENTION_DAYS: int(1, 3650).default(180),
  MAX_TEXT_LENGTH: int(100, 100_000).default(5000),
  CHANNELS: list,
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_GATEWAY_URL: z.url().default("https://api.dingtalk.com/v1.0/gateway/connections/open"),
  DINGTALK_API_BASE: z.url().default("https://api.dingtalk.com"),
  WECHATY_PUPPET: z.string().default("wechaty-puppet-wechat4u"),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHAT_ROOMS: list,
  SUPERVISORS: supervisors,
  DIGEST_CRON: z.string().default("0 18 * * *"),
  DIGEST_TIMEZONE: z.string().default("Asia/Shanghai"),
  DIGEST_TARGETS: list,
  REMIND_IN_GROUP: bool.default(false),
  REPLIES_PER_MINUTE: int(1, 600).default(20),
  FOLLOWUP_SECONDS: int(0, 86_400).default(300),
  REGION: optionalText.transform((v) => v ?? DEFAULT_REGION),
  GROUP_REGIONS: groupRegions,
  HEALTH_PORT: int(0, 65_535).default(8080),
  SHUTDOWN_SECONDS: int(1, 600).default(15),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_MODEL: optionalText,
  OPENAI_EMBEDDING_MODEL: optionalText,
  LLM_TIMEOUT_MS: int(100, 600_000).default(15_000),
  LLM_MAX_RETRIES: int(0, 10).default(2),
  LLM_CONCURRENCY: int(1, 64).default(4),
  LLM_SCREEN_BAND: z
    .string()
    .default("0.35-0.75")
    .transform((v, ctx) => {
      const m = /^\s*(0(?:\.\d+)?|1(?:\.0+)?)\s*-\s*(0(?:\.\d+)?|1(?:\.0+)?)\s*$/.exec(v);
      if (!m || Number(m[1]) > Number(m[2])) {
        ctx.addIssue({ code: "custom", message: "应为 低-高，如 0.35-0.75" });
        return z.NEVER;
      }
      return [Number(m[1]), Number(m[2])] as [number, number];
    }),
});

/** Every variable the configuration reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export type Config = z.infer<typeof schema> & {
  databasePath: string;
  /** Channels to start: CHANNELS if set, else those configured, else console. */
  channels: string[];
  llmEnabled: boolean;
  embeddingsEnabled: boolean;
  /** HEALTH_PORT was set: a port that can't be bound is then an error, not a warning. */
  healthPortExplicit: boolean;
};

/** A variable set to nothing (or blanks) counts as unset, so its default applies. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== "") out[key] = value;
  return out;
}

/**
 * Environment → validated config. Pure: reads only `env`. Every problem is reported at once, in
 * Chinese, naming the variable; throws ConfigError.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const set = withoutEmpty(env);
  const parsed = schema.safeParse(set);
  if (!parsed.success) throw configError(parsed.error.issues.map(describeIssue));
  const c = parsed.data;
  const problems = crossChecks(c);
  let channels = c.CHANNELS;
  if (channels.length === 0) {
    if (c.DINGTALK_CLIENT_ID) channels.push("dingtalk");
    if (set.WECHATY_PUPPET || c.WECHATY_PUPPET_SERVICE_TOKEN) channels.push("wechat");
    if (channels.length === 0) channels = ["console"];
  }
  const unknown = channels.filter((ch) => !["console", "dingtalk", "wechat"].includes(ch));
  if (unknown.length) problems.push(`CHANNELS：含未知渠道 ${unknown.join(", ")}（可选 console, dingtalk, wechat）`);
  if (channels.includes("dingtalk") && !c.DINGTALK_CLIENT_ID) {
    problems.push("CHANNELS：含 dingtalk，但缺少 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET");
  }
  if (problems.length) throw configError(problems);
  return {
    ...c,
    databasePath: c.DATABASE_PATH ?? `${c.DATA_DIR}/jianfu.db`,
    channels,
    llmEnabled: Boolean(c.OPENAI_BASE_URL && c.OPENAI_MODEL),
    embeddingsEnabled: Boolean(c.OPENAI_BASE_URL && c.OPENAI_EMBEDDING_MODEL),
    healthPortExplicit: "HEALTH_PORT" in set,
  };
}

/** Problems no single variable shows: pairs that go together, the schedule, the digest targets. */
function crossChecks(c: z.infer<typeof schema>): string[] {
  const problems: string[] = [];
  if (c.DINGTALK_CLIENT_ID && !c.DINGTALK_CLIENT_SECRET) {
    problems.push("DINGTALK_CLIENT_SECRET：设置了 DINGTALK_CLIENT_ID 但缺少 DINGTALK_CLIENT_SECRET");
  }
  if (Boolean(c.OPENAI_BASE_URL) !== Boolean(c.OPENAI_MODEL)) {
    problems.push("OPENAI_BASE_URL / OPENAI_MODEL：启用大模型需要同时设置这两项");
  }
  if (!validTimeZone(c.DIGEST_TIMEZONE)) problems.push(`DIGEST_TIMEZONE：时区「${c.DIGEST_TIMEZONE}」无效，例如 Asia/Shanghai`);
  else if (!validCron(c.DIGEST_CRON, c.DIGEST_TIMEZONE)) {
    problems.push(`DIGEST_CRON：「${c.DIGEST_CRON}」不是有效的 cron 表达式，例如 “0 18 * * *”（每天 18:00）`);
  }
  for (const entry of c.DIGEST_TARGETS) {
    if (!DIGEST_TARGET.test(entry)) {
      problems.push(`DIGEST_TARGETS：“${entry}”格式不对，应为 渠道:group|room|user:ID，如 dingtalk:group:cid123 或 console:user:张三`);
    }
  }
  return problems;
}

function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function validCron(expression: string, timezone: string): boolean {
  try {
    new Cron(expression, { timezone, paused: true }).nextRun();
    return true;
  } catch {
    return false;
  }
}

function configError(lines: string[]): ConfigError {
  return new ConfigError(`配置有误（请检查 .env 或环境变量）：\n  ${lines.join("\n  ")}`);
}
