import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";

const here = new URL(".", import.meta.url).pathname;

interface Scores {
  ask_verdict_accuracy: number;
  ask_citation_hit: number;
  ask_fully_right: number;
  ask_out_of_scope_clean: number;
  ask_missing_or_error: number;
  screen_precision: number;
  screen_recall: number;
  screen_f1: number;
  /** null when the set has no flagged negative-list message to cite. */
  screen_top1_citation: number | null;
  screen_missing_or_error: number;
}

/**
 * Runs the batch command in-process (offline, no .env) over a labelled set and scores it with the
 * published scorer. dev.jsonl is ../shared/eval's; everyday-a/b.jsonl were written independently of
 * the lexicon, in everyday words, like the unpublished cases (see test/eval/README.md).
 */
describe.each(["dev.jsonl", "everyday-a.jsonl", "everyday-b.jsonl", "everyday-c.jsonl", "everyday-d.jsonl", "everyday-e.jsonl", "everyday-f.jsonl", "everyday-g.jsonl", "everyday-h.jsonl", "everyday-i.jsonl", "everyday-j.jsonl", "everyday-k.jsonl", "everyday-l.jsonl", "everyday-m.jsonl", "everyday-n.jsonl", "everyday-o.jsonl", "everyday-p.jsonl", "everyday-q.jsonl", "everyday-r.jsonl", "everyday-s.jsonl", "everyday-t.jsonl", "everyday-u.jsonl", "everyday-v.jsonl", "everyday-w.jsonl", "everyday-y.jsonl", "everyday-z.jsonl", "everyday-aa.jsonl", "everyday-ab.jsonl", "everyday-ac.jsonl", "everyday-ad.jsonl", "everyday-ae.jsonl", "everyday-af.jsonl", "everyday-ag.jsonl", "everyday-ah.jsonl"])("%s, through the batch path", (file) => {
  let scores: Scores;
  const cases = join(here, file);

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), "jianfu-eval-")), "preds.jsonl");
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const code = await runCli(["batch", "--in", cases, "--out", out], io, { DATA_DIR: join(tmpdir(), "jianfu-eval-data") });
    expect(code).toBe(0);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(readFileSync(cases, "utf8").trim().split("\n").length);
    scores = JSON.parse(execFileSync(process.execPath, [join(here, "score.mjs"), cases, out, "--json"], { encoding: "utf8" }));
  }, 120_000);

  it("answers every case", () => {
    expect(scores.ask_missing_or_error).toBe(0);
    expect(scores.screen_missing_or_error).toBe(0);
  });

  it("ask: verdict ≥ 90 %, citation hit ≥ 90 %, fully right ≥ 90 %, out-of-scope clean 100 %", () => {
    expect(scores.ask_verdict_accuracy).toBeGreaterThanOrEqual(90);
    expect(scores.ask_citation_hit).toBeGreaterThanOrEqual(90);
    expect(scores.ask_fully_right).toBeGreaterThanOrEqual(90);
    expect(scores.ask_out_of_scope_clean).toBe(100);
  });

  it("screen: F1 ≥ 90 %, precision ≥ 90 %, top-1 citation ≥ 90 %", () => {
    expect(scores.screen_f1).toBeGreaterThanOrEqual(90);
    expect(scores.screen_precision).toBeGreaterThanOrEqual(90);
    if (scores.screen_top1_citation !== null) expect(scores.screen_top1_citation).toBeGreaterThanOrEqual(90);
  });
});
