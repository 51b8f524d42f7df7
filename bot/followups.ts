import type { Clock } from "./clock.js";

/** Who is talking where: follow-ups are kept per channel, group (or private chat) and user. */
export interface ConversationKey {
  channel: string;
  groupId?: string;
  senderId: string;
}

interface Entry {
  question?: string;
  /** The list last shown or cited ("gansu/negative"), for `第7项`. */
  listId?: string;
  /** The answer log id of the last reply, for `反馈`. */
  answerId?: number;
  at: number;
}

const FOLLOWUP_START = /^(那|那么|那如果|如果是|要是|还有|另外|再问|再问一下|还是|换成)/;
const FOLLOWUP_END = /呢[？?！!。.]*$/;
/** Follow-ups are short; a long message stands on its own. */
const MAX_FOLLOWUP_CHARS = 16;

/** True for short questions that lean on the previous one: "那锅炉呢？", "还有电梯吗". */
export function looksLikeFollowup(text: string): boolean {
  const t = text.trim();
  if (!t || [...t].length > MAX_FOLLOWUP_CHARS) return false;
  return FOLLOWUP_START.test(t) || (FOLLOWUP_END.test(t) && [...t].length <= 8);
}

/** Remembers each user's last question and last list for `ttlSeconds` (FOLLOWUP_SECONDS). */
export class FollowupMemory {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** The last question, if it is still fresh. */
  lastQuestion(key: ConversationKey): string | undefined {
    return this.fresh(key)?.question;
  }

  /** The last list shown to this user, if still fresh. */
  lastList(key: ConversationKey): string | undefined {
    return this.fresh(key)?.listId;
  }

  /**
   * Records a question. A follow-up keeps the original question as context (so "那锅炉呢？" then
   * "那电梯呢？" both refer to the first question) and only refreshes its time.
   */
  rememberQuestion(key: ConversationKey, question: string, isFollowup: boolean): void {
    const prev = this.fresh(key);
    const kept = isFollowup && prev?.question ? prev.question : question;
    this.set(key, { ...prev, question: kept });
  }

  /** The answer log id of the user's last answered question, if still fresh. */
  lastAnswer(key: ConversationKey): number | undefined {
    return this.fresh(key)?.answerId;
  }

  rememberAnswer(key: ConversationKey, answerId: number): void {
    this.set(key, { ...this.fresh(key), answerId });
  }

  rememberList(key: ConversationKey, listId: string): void {
    this.set(key, { ...this.fresh(key), listId });
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
