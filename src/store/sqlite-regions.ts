import type Database from "better-sqlite3";
import type { ChatRegionRecord, RegionStore } from "./region-store.js";

interface RegionRow {
  channel: string;
  chat: string;
  region: string;
  set_by: string | null;
  set_at: number;
}

const fromRow = (r: RegionRow): ChatRegionRecord => ({
  channel: r.channel,
  chat: r.chat,
  region: r.region,
  setBy: r.set_by,
  setAt: new Date(r.set_at),
});

/** Per-chat regions (`地区 …`). */
export function sqliteRegions(db: Database.Database, now: () => number): RegionStore {
  const stmts = {
    get: db.prepare("SELECT * FROM chat_regions WHERE channel = ? AND chat = ?"),
    set: db.prepare(
      `INSERT INTO chat_regions (channel, chat, region, set_by, set_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel, chat) DO UPDATE SET region = excluded.region, set_by = excluded.set_by, set_at = excluded.set_at`,
    ),
    clear: db.prepare("DELETE FROM chat_regions WHERE channel = ? AND chat = ?"),
  };
  return {
    chatRegion(channel, chat) {
      const row = stmts.get.get(channel, chat) as RegionRow | undefined;
      return row && fromRow(row);
    },
    setChatRegion({ channel, chat, region, setBy }) {
      const at = now();
      stmts.set.run(channel, chat, region, setBy ?? null, at);
      return { channel, chat, region, setBy: setBy ?? null, setAt: new Date(at) };
    },
    clearChatRegion(channel, chat) {
      return stmts.clear.run(channel, chat).changes > 0;
    },
  };
}
