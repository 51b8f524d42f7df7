import type { Config } from "../src/config.js";
import type { RegionStore } from "../src/store/region-store.js";
import type { IncomingMessage } from "../src/types.js";

/** Where a chat's region comes from, in order of precedence. */
export type RegionSource = "chat" | "config" | "default";

/** A chat's region and where it comes from. */
export interface ChatRegion {
  region: string;
  source: RegionSource;
  /** For a region set with `地区 …`: who set it and when. */
  setBy?: string | null;
  setAt?: Date;
}

type Chat = Pick<IncomingMessage, "channel" | "groupId" | "groupName" | "senderId">;

/** The store's key of a chat: `group:<id>`, or `user:<id>` for a private chat. */
export function chatKey(message: Pick<IncomingMessage, "groupId" | "senderId">): string {
  return message.groupId ? `group:${message.groupId}` : `user:${message.senderId}`;
}

/** The region configured for the message's group (by id, else by name; per channel or for all). */
export function groupRegion(config: Pick<Config, "GROUP_REGIONS">, message: Chat): string | undefined {
  if (!message.groupId) return undefined;
  const entry = config.GROUP_REGIONS.find(
    (g) => (g.channel === "*" || g.channel === message.channel) && (g.group === message.groupId || g.group === message.groupName),
  );
  return entry?.region;
}

/**
 * The one place a chat's region is decided: the chat's `地区` setting, then GROUP_REGIONS,
 * then the default REGION.
 */
export function chatRegion(deps: { config: Pick<Config, "GROUP_REGIONS" | "REGION">; store: Pick<RegionStore, "chatRegion"> }, message: Chat): ChatRegion {
  const set = deps.store.chatRegion(message.channel, chatKey(message));
  if (set) return { region: set.region, source: "chat", setBy: set.setBy, setAt: set.setAt };
  const configured = groupRegion(deps.config, message);
  if (configured) return { region: configured, source: "config" };
  return { region: deps.config.REGION, source: "default" };
}

/**
 * The region to judge a chat's messages in; undefined for the default, so that the engine can
 * still take a place the question names ("我们是昆明西山区的社区").
 */
export function judgingRegion(deps: Parameters<typeof chatRegion>[0], message: Chat): string | undefined {
  const r = chatRegion(deps, message);
  return r.source === "default" ? undefined : r.region;
}
