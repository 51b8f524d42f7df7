import { DIGEST_TARGET, type Config } from "../src/config.js";
import { ConfigError } from "../src/errors.js";
import type { SendTarget } from "./channels/channel.js";

/** Where a scheduled digest goes: a chat on one channel. */
export interface DigestTarget {
  channel: string;
  target: SendTarget;
  /** `channel:kind:id`, as recorded by the store. */
  label: string;
}

/** Parses one DIGEST_TARGETS entry: `dingtalk:group:cidXXX`, `wechat:room:ROOMID`, `console:user:张三`. */
export function parseDigestTarget(entry: string): DigestTarget {
  const m = DIGEST_TARGET.exec(entry.trim());
  if (!m) {
    throw new ConfigError(
      `配置有误：DIGEST_TARGETS 中的“${entry}”格式不对，应为 渠道:group|room|user:ID，如 dingtalk:group:cid123 或 console:user:张三`,
    );
  }
  const kind = m[2] === "user" ? "user" : "group";
  return { channel: m[1]!, target: { kind, id: m[3]! }, label: `${m[1]}:${kind}:${m[3]}` };
}

/**
 * The digest's recipients among the running channels: DIGEST_TARGETS when set, else each
 * supervisor's private chat (a bare supervisor id on every running channel).
 */
export function digestTargets(config: Pick<Config, "DIGEST_TARGETS" | "SUPERVISORS">, running: string[]): DigestTarget[] {
  if (config.DIGEST_TARGETS.length) {
    return config.DIGEST_TARGETS.map(parseDigestTarget).filter((t) => running.includes(t.channel));
  }
  const out: DigestTarget[] = [];
  for (const s of config.SUPERVISORS) {
    for (const channel of s.channel === "*" ? running : running.filter((c) => c === s.channel)) {
      out.push({ channel, target: { kind: "user", id: s.id }, label: `${channel}:user:${s.id}` });
    }
  }
  return out;
}
