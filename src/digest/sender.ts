import type { Flag } from "../store/store.js";

export const UNKNOWN_SENDER = "（未注明发送人）";
export const FORWARD_UNKNOWN_SENDER = "（转发核查，未注明原发送人）";
export const PRIVATE_FORWARD_GROUP = "（私聊转发核查）";
export const PRIVATE_GROUP = "（私聊）";

type SenderFields = Pick<Flag, "senderId" | "senderName" | "reporterId" | "reporterName" | "reporterConsent">;

/** True when a worker forwarded the message to the bot (核查) rather than the bot seeing it in a group. */
export function isForwarded(f: Pick<Flag, "reporterId">): boolean {
  return f.reporterId !== null && f.reporterId !== undefined && f.reporterId !== "";
}

/**
 * The sender as a supervisor may see it. For a forward without the reporter's consent the
 * reporter never appears: the original sender named in the forward is shown, or a neutral
 * label when the stored sender is the reporter themself.
 */
export function displaySender(f: SenderFields): string {
  const name = f.senderName?.trim() || f.senderId?.trim() || "";
  if (!isForwarded(f)) return name || UNKNOWN_SENDER;
  const isReporter =
    (f.senderId != null && f.senderId === f.reporterId) ||
    (f.senderName != null && f.reporterName != null && f.senderName.trim() === f.reporterName.trim());
  const original = isReporter ? "" : name;
  if (!f.reporterConsent) return original || FORWARD_UNKNOWN_SENDER;
  const reporter = f.reporterName?.trim() || f.reporterId!;
  return original ? `${original}（${reporter} 转发）` : `${reporter} 转发`;
}

/** The group name as shown, or a label for a private chat or private forward. */
export function displayGroup(f: Pick<Flag, "groupId" | "groupName" | "reporterId">): string {
  const name = f.groupName?.trim() || f.groupId?.trim();
  if (name) return name;
  return isForwarded(f) ? PRIVATE_FORWARD_GROUP : PRIVATE_GROUP;
}
