/** A chat's region as a supervisor set it with `地区 …`. */
export interface ChatRegionRecord {
  channel: string;
  /** `group:<group id>` or `user:<sender id>` (a private chat). */
  chat: string;
  /** The place, province first (云南省昆明市西山区). */
  region: string;
  /** `channel:user id` of whoever set it. */
  setBy: string | null;
  setAt: Date;
}

/** Per-chat regions: they outrank GROUP_REGIONS and REGION. */
export interface RegionStore {
  chatRegion(channel: string, chat: string): ChatRegionRecord | undefined;
  /** Sets (or replaces) the chat's region. */
  setChatRegion(input: { channel: string; chat: string; region: string; setBy?: string | null }): ChatRegionRecord;
  /** Forgets the chat's region; false when none was set. */
  clearChatRegion(channel: string, chat: string): boolean;
}
