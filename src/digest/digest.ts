import type { Flag, FlagSummary } from "../store/store.js";
import type { FlagCategory } from "../types.js";
import { excerpt } from "./excerpt.js";
import { CATEGORY_LABELS, DEFAULT_DIGEST_TITLE } from "./labels.js";
import { displayGroup, displaySender, isForwarded } from "./sender.js";
import { assertTimeZone, DEFAULT_TIME_ZONE } from "./time-zone.js";

/** One flagged message as a digest shows it. Holds no reporter identity. */
export interface DigestEntry {
  id: number;
  time: Date;
  channel: string;
  groupId: string | null;
  /** Display name of the group. */
  group: string;
  /** Display name of the sender, privacy rules applied. */
  sender: string;
  forwarded: boolean;
  category: FlagCategory;
  categoryLabel: string;
  excerpt: string;
  /** The full message text, for exports and the evidence section. */
  text: string;
  /** The best matching item (first citation) and a short quote of it, when known. */
  item: { id: string; quote: string | null } | null;
  citations: string[];
  confidence: number;
  reason: string;
  status: "new" | "confirmed";
  /** Already sent in a scheduled digest. */
  sent: boolean;
}

export interface Tally {
  label: string;
  count: number;
}

/** Everything a renderer needs; renderers only format it. */
export interface Digest {
  title: string;
  since: Date;
  until: Date;
  timeZone: string;
  /** Every flag the digest covers; `entries` may list fewer (a chat digest is capped). */
  total: number;
  /** The newest flag it covers: a digest delivered covers the matching flags up to this id. */
  maxFlagId: number;
  /** Both categories, in a fixed order, zeros included. */
  byCategory: (Tally & { category: FlagCategory })[];
  /** Most flags first, then by label. */
  byGroup: Tally[];
  bySender: Tally[];
  /** Oldest first; at most the cap asked for. */
  entries: DigestEntry[];
}

export interface DigestOptions {
  /** Start of the window, inclusive; default the earliest flag. */
  since?: Date;
  /** End of the window, exclusive; default now (or just after the latest flag). */
  until?: Date;
  title?: string;
  /** Only these group ids (a supervisor's groups); all groups when undefined. */
  scopeGroups?: string[];
  /** Item id → item text, for the short quote of the matched item. */
  describe?: (id: string) => string | undefined;
  /** IANA zone for every rendered time; default Asia/Shanghai. */
  timeZone?: string;
  excerptLength?: number;
  quoteLength?: number;
  /** "Now" for the default window end. */
  now?: Date;
}

/**
 * Flags in memory → the digest for a window and scope: dismissed flags and flags outside the
 * window or scope are left out; totals by category, group and sender; one entry per flag, oldest
 * first. digestFromStore makes the same digest from the store without loading every flag.
 */
export function buildDigest(flags: readonly Flag[], opts: DigestOptions): Digest {
  const scope = opts.scopeGroups ? new Set(opts.scopeGroups) : undefined;
  const since = opts.since?.getTime() ?? -Infinity;
  const until = opts.until?.getTime() ?? Infinity;
  const kept = flags
    .filter((f) => f.status !== "dismissed")
    .filter((f) => f.time.getTime() >= since && f.time.getTime() < until)
    .filter((f) => !scope || (f.groupId != null && scope.has(f.groupId)))
    .sort((a, b) => a.time.getTime() - b.time.getTime() || a.id - b.id);
  return assembleDigest(summarize(kept), kept, opts);
}

/** The one place a digest is put together: counts from `summary`, entries from `shown`. */
export function assembleDigest(summary: FlagSummary, shown: readonly Flag[], opts: DigestOptions): Digest {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const now = (opts.now ?? new Date()).getTime();
  const since = opts.since ?? new Date(Math.min(now, summary.earliest?.getTime() ?? now));
  const until = opts.until ?? new Date(Math.max(now, summary.latest?.getTime() ?? now) + 1);
  return {
    title: opts.title?.trim() || DEFAULT_DIGEST_TITLE,
    since,
    until,
    timeZone,
    total: summary.total,
    maxFlagId: summary.maxId,
    byCategory: (["negative", "burden"] as const).map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      count: summary.byCategory[category],
    })),
    byGroup: tally(summary.groups.map((g) => [displayGroup(g), g.count])),
    bySender: tally(summary.senders.map((s) => [displaySender(s), s.count])),
    entries: shown.map((f) => toEntry(f, opts)),
  };
}

/** The counts of a list of flags, as the store computes them in SQL. */
function summarize(flags: readonly Flag[]): FlagSummary {
  const groups = new Map<string, FlagSummary["groups"][number]>();
  const senders = new Map<string, FlagSummary["senders"][number]>();
  for (const f of flags) {
    const g = JSON.stringify([f.groupId, f.groupName, isForwarded(f)]);
    groups.set(g, { groupId: f.groupId, groupName: f.groupName, reporterId: f.reporterId, count: (groups.get(g)?.count ?? 0) + 1 });
    const s = JSON.stringify([f.senderId, f.senderName, f.reporterId, f.reporterName, f.reporterConsent]);
    const { senderId, senderName, reporterId, reporterName, reporterConsent } = f;
    senders.set(s, { senderId, senderName, reporterId, reporterName, reporterConsent, count: (senders.get(s)?.count ?? 0) + 1 });
  }
  const times = flags.map((f) => f.time.getTime());
  return {
    total: flags.length,
    earliest: flags.length ? new Date(times.reduce((a, b) => Math.min(a, b))) : null,
    latest: flags.length ? new Date(times.reduce((a, b) => Math.max(a, b))) : null,
    maxId: flags.reduce((m, f) => Math.max(m, f.id), 0),
    byCategory: {
      negative: flags.filter((f) => f.category === "negative").length,
      burden: flags.filter((f) => f.category === "burden").length,
    },
    groups: [...groups.values()],
    senders: [...senders.values()],
  };
}

function toEntry(f: Flag, opts: DigestOptions): DigestEntry {
  const itemId = f.citations[0];
  const described = itemId && opts.describe ? opts.describe(itemId) : undefined;
  return {
    id: f.id,
    time: f.time,
    channel: f.channel,
    groupId: f.groupId,
    group: displayGroup(f),
    sender: displaySender(f),
    forwarded: isForwarded(f),
    category: f.category,
    categoryLabel: CATEGORY_LABELS[f.category],
    excerpt: excerpt(f.text, opts.excerptLength ?? 60),
    text: f.text,
    item: itemId ? { id: itemId, quote: described ? excerpt(described, opts.quoteLength ?? 30) : null } : null,
    citations: [...f.citations],
    confidence: f.confidence,
    reason: f.reason,
    status: f.status === "confirmed" ? "confirmed" : "new",
    sent: f.digestId !== null,
  };
}

/** Counts merged by display label, most first, then by label. */
function tally(rows: Array<[string, number]>): Tally[] {
  const counts = new Map<string, number>();
  for (const [label, n] of rows) counts.set(label, (counts.get(label) ?? 0) + n);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh-CN"));
}
