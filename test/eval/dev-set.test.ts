import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../bot/cli.js";

const here = new URL(".", import.meta.url).pathname;

interface Scores {
  ask_cases: number;
  screen_cases: number;
  ask_verdict_accuracy: number;
  ask_citation_hit: number;
  ask_fully_right: number;
  /** null when the set has no out-of-scope question. */
  ask_out_of_scope_clean: number | null;
  ask_missing_or_error: number;
  screen_precision: number;
  screen_recall: number;
  screen_f1: number;
  /** null when the set has no flagged negative-list message to cite. */
  screen_top1_citation: number | null;
  screen_missing_or_error: number;
}

/** The labelled sets judged with the repository's knowledge as it is. */
const plainSets = readdirSync(here).filter((f) => f.endsWith(".jsonl")).sort();

/**
 * Sets judged after `kb import` of lists the project never held (imported/<set>/: cases.jsonl,
 * imports.json naming each list file with its set and region, and the files themselves), as the
 * unpublished region cases are.
 */
const importedSets = readdirSync(join(here, "imported")).sort();

/** A copy of the knowledge with the set's lists imported through the CLI; its folder. */
async function knowledgeWithImports(dir: string): Promise<string> {
  const knowledge = join(mkdtempSync(join(tmpdir(), "jianfu-eval-kb-")), "knowledge");
  cpSync(new URL("../../knowledge", import.meta.url).pathname, knowledge, { recursive: true });
  const imports = JSON.parse(readFileSync(join(dir, "imports.json"), "utf8")) as Array<{ file: string; set: string; region: string }>;
  for (const i of imports) {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const code = await runCli(["kb", "import", join(dir, i.file), "--set", i.set, "--region", i.region], io, { KNOWLEDGE_DIR: knowledge });
    expect(code, `kb import ${i.file}`).toBe(0);
  }
  return knowledge;
}

/**
 * Runs the batch command in-process (offline, no .env) over a labelled set and scores it with the
 * published scorer. dev.jsonl is ../shared/eval's; the others were written independently of the
 * lexicon and the code, in everyday words, like the unpublished cases (see test/eval/README.md).
 */
describe.each([...plainSets.map((f) => ({ name: f, cases: join(here, f) })), ...importedSets.map((d) => ({ name: `imported/${d}`, cases: join(here, "imported", d, "cases.jsonl"), dir: join(here, "imported", d) }))])(
  "$name, through the batch path",
  ({ cases, dir }: { cases: string; dir?: string }) => {
    let scores: Scores;

    beforeAll(async () => {
      const env: Record<string, string> = { DATA_DIR: join(tmpdir(), "jianfu-eval-data") };
      if (dir) env.KNOWLEDGE_DIR = await knowledgeWithImports(dir);
      const out = join(mkdtempSync(join(tmpdir(), "jianfu-eval-")), "preds.jsonl");
      const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
      const code = await runCli(["batch", "--in", cases, "--out", out], io, env);
      expect(code).toBe(0);
      expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(readFileSync(cases, "utf8").trim().split("\n").length);
      scores = JSON.parse(execFileSync(process.execPath, [join(here, "score.mjs"), cases, out, "--json"], { encoding: "utf8" }));
    }, 120_000);

    it("answers every case", () => {
      expect(scores.ask_missing_or_error).toBe(0);
      expect(scores.screen_missing_or_error).toBe(0);
    });

    it("ask: verdict ≥ 90 %, citation hit ≥ 90 %, fully right ≥ 90 %, out-of-scope clean 100 %", () => {
      if (!scores.ask_cases) return;
      expect(scores.ask_verdict_accuracy).toBeGreaterThanOrEqual(90);
      expect(scores.ask_citation_hit).toBeGreaterThanOrEqual(90);
      expect(scores.ask_fully_right).toBeGreaterThanOrEqual(90);
      if (scores.ask_out_of_scope_clean !== null) expect(scores.ask_out_of_scope_clean).toBe(100);
    });

    it("screen: F1 ≥ 90 %, precision ≥ 90 %, top-1 citation ≥ 90 %", () => {
      if (!scores.screen_cases) return;
      expect(scores.screen_f1).toBeGreaterThanOrEqual(90);
      expect(scores.screen_precision).toBeGreaterThanOrEqual(90);
      if (scores.screen_top1_citation !== null) expect(scores.screen_top1_citation).toBeGreaterThanOrEqual(90);
    });
  },
);
