import type { Config } from "../../src/config.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { Flag } from "../../src/store/store.js";
import type { Channel } from "../channels/channel.js";
import { formatFlagNotice, toOutgoing } from "../reply-format.js";

/** The channels that get immediate flag notices. */
export const notifiesOn = (channel: string): boolean => channel === "console";

/** Who reads flag notices in the console when no supervisor is configured for it. */
export const CONSOLE_SUPERVISOR = "督导";

/**
 * Immediate flag notices. Only the console gets them (printed as a supervisor would see them);
 * on DingTalk and WeChat supervisors hear of flags through the digest, not one message each.
 */
export function supervisorNotifier(
  config: Pick<Config, "SUPERVISORS">,
  kb: KnowledgeBase,
): (channel: Channel, flag: Flag) => Promise<void> {
  return async (channel, flag) => {
    if (!notifiesOn(channel.name)) return;
    const ids = config.SUPERVISORS.filter((s) => s.channel === "console" || s.channel === "*").map((s) => s.id);
    const out = toOutgoing(formatFlagNotice(kb, flag), { title: "督导提示" });
    for (const id of ids.length ? ids : [CONSOLE_SUPERVISOR]) await channel.send({ kind: "user", id }, out);
  };
}
