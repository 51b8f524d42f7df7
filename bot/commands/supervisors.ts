import type { Config } from "../../src/config.js";
import type { IncomingMessage } from "../../src/types.js";

/** A configured supervisor: a user id on one channel, or on any ("*"); on DingTalk, of an organisation. */
export type Supervisor = Config["SUPERVISORS"][number];

/** Who sent a message, as far as supervisor rights go. */
export type Sender = Pick<IncomingMessage, "channel" | "senderId" | "org">;

/**
 * Whether an entry names this sender: the same user id on the same channel, and on a platform with
 * organisations the same organisation (the entry's, else the bot's own). A user id alone is not
 * enough there: another organisation may use the same one.
 */
function names(entry: Supervisor, sender: Sender): boolean {
  if (entry.id !== sender.senderId || (entry.channel !== "*" && entry.channel !== sender.channel)) return false;
  const org = "org" in entry ? entry.org : undefined;
  if (!sender.org) return org === undefined;
  return org !== undefined ? org === sender.org.id : sender.org.home;
}

/** The supervisor entries matching this sender (several when listed per channel and as "*"). */
export function supervisorEntries(config: Pick<Config, "SUPERVISORS">, sender: Sender): Supervisor[] {
  return config.SUPERVISORS.filter((s) => names(s, sender));
}

/** True when the sender may use 汇总 / 确认 / 误报. */
export function isSupervisor(config: Pick<Config, "SUPERVISORS">, sender: Sender): boolean {
  return supervisorEntries(config, sender).length > 0;
}

/**
 * The channels a supervisor oversees: only their own when configured as `channel:id`, every
 * channel when given as a bare id.
 */
export function supervisorScope(config: Pick<Config, "SUPERVISORS">, sender: Sender): string[] | undefined {
  const entries = supervisorEntries(config, sender);
  return entries.some((e) => e.channel === "*") ? undefined : [...new Set(entries.map((e) => e.channel))];
}
