import type { FlagQuery } from "./store.js";
import { toMs } from "./rows.js";

/** FlagQuery → SQL with named parameters. `since` is inclusive, `until` exclusive; oldest first. */
export function buildFlagQuery(q: FlagQuery): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.status !== undefined) {
    const statuses = Array.isArray(q.status) ? q.status : [q.status];
    if (statuses.length === 0) where.push("0");
    statuses.forEach((s, i) => (params[`status${i}`] = s));
    if (statuses.length) where.push(`status IN (${statuses.map((_, i) => `@status${i}`).join(", ")})`);
  }
  if (q.since) {
    where.push("time >= @since");
    params.since = toMs(q.since, "since");
  }
  if (q.until) {
    where.push("time < @until");
    params.until = toMs(q.until, "until");
  }
  if (q.groupIds) {
    if (q.groupIds.length === 0) where.push("0");
    q.groupIds.forEach((g, i) => (params[`group${i}`] = g));
    if (q.groupIds.length) where.push(`group_id IN (${q.groupIds.map((_, i) => `@group${i}`).join(", ")})`);
  }
  if (q.unsent) where.push("digest_id IS NULL");
  let sql = "SELECT * FROM flags";
  if (where.length) sql += ` WHERE ${where.join(" AND ")}`;
  sql += " ORDER BY time, id";
  if (q.limit !== undefined) {
    sql += " LIMIT @limit";
    params.limit = Math.max(0, Math.floor(q.limit));
  }
  return { sql, params };
}
