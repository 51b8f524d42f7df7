import type Database from "better-sqlite3";
import { parseJson, toMs, type AnswerRow } from "./rows.js";
import type { AnswerFeedback, AnswerStore } from "./store.js";

/** The answer log and the feedback on it (every piece kept). */
export function sqliteAnswers(db: Database.Database, now: () => number): AnswerStore {
  const stmts = {
    insert: db.prepare(
      "INSERT INTO answers (time, channel, group_id, sender_id, question, verdict, citations, composer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    exists: db.prepare("SELECT 1 FROM answers WHERE id = ?"),
    addFeedback: db.prepare("INSERT INTO answer_feedback (answer_id, text, sender_id, at) VALUES (?, ?, ?, ?)"),
    list: db.prepare("SELECT * FROM answers WHERE time >= ? ORDER BY time DESC, id DESC LIMIT ?"),
    feedbackOf: db.prepare("SELECT text, sender_id, at FROM answer_feedback WHERE answer_id = ? ORDER BY id"),
  };

  return {
    logAnswer(input) {
      const info = stmts.insert.run(
        toMs(input.time, "time"),
        input.channel,
        input.groupId ?? null,
        input.senderId ?? null,
        input.question,
        input.verdict,
        JSON.stringify(input.citations),
        input.composer,
      );
      return Number(info.lastInsertRowid);
    },
    addAnswerFeedback(id, text, senderId) {
      if (!stmts.exists.get(id)) return false;
      stmts.addFeedback.run(id, text, senderId ?? null, now());
      return true;
    },
    listAnswers(query = {}) {
      const rows = stmts.list.all(query.since ? toMs(query.since, "since") : -8.64e15, query.limit ?? -1) as AnswerRow[];
      return rows.map((r) => ({
        id: r.id,
        time: new Date(r.time),
        channel: r.channel,
        groupId: r.group_id,
        senderId: r.sender_id,
        question: r.question,
        verdict: r.verdict,
        citations: parseJson<string[]>(r.citations, []),
        composer: r.composer,
        feedback: (stmts.feedbackOf.all(r.id) as Array<{ text: string; sender_id: string | null; at: number }>).map(
          (f): AnswerFeedback => ({ text: f.text, senderId: f.sender_id, at: new Date(f.at) }),
        ),
      }));
    },
  };
}
