import type { Config } from "../src/config.js";
import type { IncomingMessage } from "../src/types.js";

/** The region configured for the message's group (by id, else by name; per channel or for all). */
export function groupRegion(config: Pick<Config, "GROUP_REGIONS">, message: IncomingMessage): string | undefined {
  if (!message.groupId) return undefined;
  const entry = config.GROUP_REGIONS.find(
    (g) => (g.channel === "*" || g.channel === message.channel) && (g.group === message.groupId || g.group === message.groupName),
  );
  return entry?.region;
}
