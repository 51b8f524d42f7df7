import type { Config } from "../../src/config.js";

/** A configured supervisor: a user id on one channel, or on any ("*"). */
export type Supervisor = Config["SUPERVISORS"][number];

/** The supervisor entries matching this sender (several when listed per channel and as "*"). */
export function supervisorEntries(config: Pick<Config, "SUPERVISORS">, channel: string, senderId: string): Supervisor[] {
  return config.SUPERVISORS.filter((s) => (s.channel === "*" || s.channel === channel) && s.id === senderId);
}

/** True when the sender may use 汇总 / 确认 / 误报. */
export function isSupervisor(config: Pick<Config, "SUPERVISORS">, channel: string, senderId: string): boolean {
  return supervisorEntries(config, channel, senderId).length > 0;
}

/**
 * The channels a supervisor oversees: only their own when configured as `channel:id`, every
 * channel when given as a bare id.
 */
export function supervisorScope(config: Pick<Config, "SUPERVISORS">, channel: string, senderId: string): string[] | "all" {
  const entries = supervisorEntries(config, channel, senderId);
  return entries.some((e) => e.channel === "*") ? "all" : [...new Set(entries.map((e) => e.channel))];
}
