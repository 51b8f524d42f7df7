import type { FlagQuery } from "./store.js";
import { toMs } from "./rows.js";

/**
 * The one definition of "pending": new or confirmed flags a digest has not yet carried to
 * `recipient` (to anyone, without one). The schedule, `汇总`, the CLI and /healthz all use it.
 */
export function pendingQuery(opts: { recipient?: string } & Omit<FlagQuery, "status" | "unsent" | "notSentTo"> = {}): FlagQuery {
  const { recipient, ...rest } = opts;
  return { ...rest, status: ["new", "confirmed"], ...(recipient ? { notSentTo: recipient } : { unsent: true }) };
}

/** FlagQuery → a WHERE clause with named parameters. `since` is inclusive, `until` exclusive. */
export function flagWhere(q: FlagQuery): { where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const oneOf = (column: string, name: string, values: readonly string[]) => {
    values.forEach((v, i) => (params[`${name}${i}`] = v));
    where.push(values.length ? `${column} IN (${values.map((_, i) => `@${name}${i}`).join(", ")})` : "0");
  };
  if (q.status !== undefined) oneOf("status", "status", Array.isArray(q.status) ? q.status : [q.status]);
  if (q.since) {
    where.push("time >= @since");
    params.since = toMs(q.since, "since");
  }
  if (q.until) {
    where.push("time < @until");
    params.until = toMs(q.until, "until");
  }
  if (q.groupIds) oneOf("group_id", "group", q.groupIds);
  if (q.channels) oneOf("channel", "channel", q.channels);
  if (q.unsent) where.push("digest_id IS NULL");
  if (q.notSentTo !== undefined) {
    where.push("NOT EXISTS (SELECT 1 FROM flag_recipients r WHERE r.flag_id = flags.id AND r.recipient IN (@recipient, '*'))");
    params.recipient = q.notSentTo;
  }
  if (q.maxId !== undefined) {
    where.push("id <= @maxId");
    params.maxId = q.maxId;
  }
  if (q.ids) {
    where.push("id IN (SELECT value FROM json_each(@ids))");
    params.ids = JSON.stringify(q.ids);
  }
  return { where: where.length ? ` WHERE ${where.join(" AND ")}` : "", params };
}

/** FlagQuery → the SELECT for listing, oldest first. */
export function buildFlagQuery(q: FlagQuery): { sql: string; params: Record<string, unknown> } {
  const { where, params } = flagWhere(q);
  let sql = `SELECT * FROM flags${where} ORDER BY time, id`;
  if (q.limit !== undefined) {
    sql += " LIMIT @limit";
    params.limit = Math.max(0, Math.floor(q.limit));
  }
  return { sql, params };
}
