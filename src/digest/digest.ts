import type { Flag } from "../store/store.js";
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
  total: number;
  /** Both categories, in a fixed order, zeros included. */
  byCategory: (Tally & { category: FlagCategory })[];
  /** Most flags first, then by label. */
  byGroup: Tally[];
  bySender: Tally[];
  /** Oldest first. */
  entries: DigestEntry[];
}

export interface DigestOptions {
  /** Start of the window, inclusive. */
  since: Date;
  /** End of the window, exclusive. */
  until: Date;
  title?: string;
  /** Only these group ids (a supervisor's groups); all groups when undefined. */
  scopeGroups?: string[];
  /** Item id → item text, for the short quote of the matched item. */
  describe?: (id: string) => string | undefined;
  /** IANA zone for every rendered time; default Asia/Shanghai. */
  timeZone?: string;
  excerptLength?: number;
  quoteLength?: number;
}

/**
 * Flags → the digest for a window and scope: dismissed flags and flags outside the window or
 * scope are left out; totals by category, group and sender; one entry per flag, oldest first.
 */
export function buildDigest(flags: readonly Flag[], opts: DigestOptions): Digest {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const scope = opts.scopeGroups ? new Set(opts.scopeGroups) : undefined;
  const since = opts.since.getTime();
  const until = opts.until.getTime();
  const kept = flags
    .filter((f) => f.status !== "dismissed")
    .filter((f) => f.time.getTime() >= since && f.time.getTime() < until)
    .filter((f) => !scope || (f.groupId != null && scope.has(f.groupId)))
    .sort((a, b) => a.time.getTime() - b.time.getTime() || a.id - b.id);
  const entries = kept.map((f) => toEntry(f, opts));
  return {
    title: opts.title?.trim() || DEFAULT_DIGEST_TITLE,
    since: new Date(since),
    until: new Date(until),
    timeZone,
    total: entries.length,
    byCategory: (["negative", "burden"] as const).map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      count: entries.filter((e) => e.category === category).length,
    })),
    byGroup: tally(entries.map((e) => e.group)),
    bySender: tally(entries.map((e) => e.sender)),
    entries,
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

function tally(labels: string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh-CN"));
}
