import { z } from "zod";
import { ConfigError } from "./errors.js";
import { DEFAULT_REGION } from "./policy/places.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const list = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** "dingtalk:uid" / "wechat:wxid" / "console:张三" entries; a bare id counts for every channel. */
const idsPerChannel = list.transform((entries) =>
  entries.map((e) => {
    const i = e.indexOf(":");
    return i > 0 ? { channel: e.slice(0, i), id: e.slice(i + 1) } : { channel: "*", id: e };
  }),
);

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
  BOT_NAME: z.string().min(1).default("减负助手"),
  KNOWLEDGE_DIR: z.string().min(1).default("knowledge"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_PATH: optionalText,
  FLAG_RETENTION_DAYS: int(1, 3650).default(180),
  MAX_TEXT_LENGTH: int(100, 100_000).default(5000),
  CHANNELS: list,
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_GATEWAY_URL: z.string().url().default("https://api.dingtalk.com/v1.0/gateway/connections/open"),
  DINGTALK_API_BASE: z.string().url().default("https://api.dingtalk.com"),
  WECHATY_PUPPET: z.string().min(1).default("wechaty-puppet-wechat4u"),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHAT_ROOMS: list,
  SUPERVISORS: idsPerChannel,
  DIGEST_CRON: z.string().min(1).default("0 18 * * *"),
  DIGEST_TIMEZONE: z.string().min(1).default("Asia/Shanghai"),
  DIGEST_TARGETS: list,
  REMIND_IN_GROUP: bool.default(false),
  REPLIES_PER_MINUTE: int(1, 600).default(20),
  FOLLOWUP_SECONDS: int(0, 86_400).default(300),
  REGION: optionalText.transform((v) => v ?? DEFAULT_REGION),
  GROUP_REGIONS: groupRegions,
  HEALTH_PORT: int(0, 65_535).default(8080),
  OPENAI_BASE_URL: optionalText.pipe(z.string().url().optional()),
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

export type Config = z.infer<typeof schema> & {
  databasePath: string;
  /** Channels to start: CHANNELS if set, else those configured, else console. */
  channels: string[];
  llmEnabled: boolean;
  embeddingsEnabled: boolean;
  /** HEALTH_PORT was set: a port that can't be bound is then an error, not a warning. */
  healthPortExplicit: boolean;
};

/** Environment → validated config. Pure: reads only `env`. Throws ConfigError naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? "?")}: ${i.message}`);
    throw new ConfigError(`配置有误（请检查 .env 或环境变量）：\n  ${lines.join("\n  ")}`);
  }
  const c = parsed.data;
  if (c.DINGTALK_CLIENT_ID && !c.DINGTALK_CLIENT_SECRET) {
    throw new ConfigError("配置有误：设置了 DINGTALK_CLIENT_ID 但缺少 DINGTALK_CLIENT_SECRET");
  }
  const llmVars = [c.OPENAI_BASE_URL, c.OPENAI_MODEL];
  if (llmVars.some(Boolean) && !llmVars.every(Boolean)) {
    throw new ConfigError("配置有误：启用大模型需要同时设置 OPENAI_BASE_URL 和 OPENAI_MODEL");
  }
  let channels = c.CHANNELS;
  if (channels.length === 0) {
    if (c.DINGTALK_CLIENT_ID) channels.push("dingtalk");
    if (env.WECHATY_PUPPET || c.WECHATY_PUPPET_SERVICE_TOKEN) channels.push("wechat");
    if (channels.length === 0) channels = ["console"];
  }
  const unknown = channels.filter((ch) => !["console", "dingtalk", "wechat"].includes(ch));
  if (unknown.length) throw new ConfigError(`配置有误：CHANNELS 含未知渠道 ${unknown.join(", ")}（可选 console, dingtalk, wechat）`);
  if (channels.includes("dingtalk") && !c.DINGTALK_CLIENT_ID) {
    throw new ConfigError("配置有误：CHANNELS 含 dingtalk，但缺少 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET");
  }
  return {
    ...c,
    databasePath: c.DATABASE_PATH ?? `${c.DATA_DIR}/jianfu.db`,
    channels,
    llmEnabled: Boolean(c.OPENAI_BASE_URL && c.OPENAI_MODEL),
    embeddingsEnabled: Boolean(c.OPENAI_BASE_URL && c.OPENAI_EMBEDDING_MODEL),
    healthPortExplicit: Boolean(env.HEALTH_PORT?.trim()),
  };
}
