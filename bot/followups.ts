import type { Clock } from "./clock.js";

/** Who is talking where: follow-ups are kept per channel, group (or private chat) and user. */
export interface ConversationKey {
  channel: string;
  groupId?: string;
  senderId: string;
}

interface Entry {
  /** The user's recent questions, oldest first. */
  questions: string[];
  /** The list last shown or cited ("<清单集>/<清单>"), for `第7项`. */
  listId?: string;
  /** The answer log id of the last reply, for `反馈`. */
  answerId?: number;
  at: number;
}

/** How many earlier questions a follow-up is read against. */
const MAX_HISTORY = 4;

/** Remembers each user's recent questions and last list for `ttlSeconds` (FOLLOWUP_SECONDS). */
export class FollowupMemory {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** The user's recent questions, oldest first, if still fresh. */
  history(key: ConversationKey): string[] {
    return this.fresh(key)?.questions ?? [];
  }

  /** The last list shown to this user, if still fresh. */
  lastList(key: ConversationKey): string | undefined {
    return this.fresh(key)?.listId;
  }

  /** Records a question; the window starts again from now. */
  rememberQuestion(key: ConversationKey, question: string): void {
    const prev = this.fresh(key);
    this.set(key, { ...prev, questions: [...(prev?.questions ?? []), question].slice(-MAX_HISTORY) });
  }

  /** The answer log id of the user's last answered question, if still fresh. */
  lastAnswer(key: ConversationKey): number | undefined {
    return this.fresh(key)?.answerId;
  }

  rememberAnswer(key: ConversationKey, answerId: number): void {
    this.set(key, { questions: [], ...this.fresh(key), answerId });
  }

  rememberList(key: ConversationKey, listId: string): void {
    this.set(key, { questions: [], ...this.fresh(key), listId });
  }

  private set(key: ConversationKey, entry: Omit<Entry, "at">): void {
    if (this.ttlSeconds <= 0) return;
    this.prune();
    this.entries.set(keyOf(key), { ...entry, at: this.clock.now().getTime() });
  }

  private fresh(key: ConversationKey): Entry | undefined {
    const e = this.entries.get(keyOf(key));
    if (!e) return undefined;
    if (this.clock.now().getTime() - e.at > this.ttlSeconds * 1000) {
      this.entries.delete(keyOf(key));
      return undefined;
    }
    return e;
  }

  /** Drops expired entries now and then so memory stays bounded. */
  private prune(): void {
    if (this.entries.size < 1000) return;
    const cutoff = this.clock.now().getTime() - this.ttlSeconds * 1000;
    for (const [k, e] of this.entries) if (e.at < cutoff) this.entries.delete(k);
  }
}

function keyOf(k: ConversationKey): string {
  return `${k.channel}\u0000${k.groupId ?? ""}\u0000${k.senderId}`;
}
