/**
 * `npm run rules [FILE.jsonl …] [--json]`: rule coverage over labelled cases (test/eval/*.jsonl by
 * default). For each named rule: how many cases it fires on, and what switching it off fixes and
 * breaks (re-judged where it fired, scored by the published scorer); then the rules that never fire
 * and those that only hurt. Notes (item.match …) record conclusions and are not switched off.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import pino from "pino";
import { processBatchLine } from "../bot/cli/batch-line.js";
import { readConfig } from "../src/config.js";
import { createEngine, type Engine } from "../src/engine.js";
import { allRules, switchOff, switchOn, watchRulesAsync } from "../src/policy/rules.js";

type Case = { id: string; kind: string; text: string; gold?: unknown } & Record<string, unknown>;
type Prediction = Record<string, unknown>;

const evalDir = new URL("../test/eval", import.meta.url).pathname;
const scorer = join(evalDir, "score.mjs");
const args = process.argv.slice(2);
const asJson = args.includes("--json");
const files = args.filter((a) => !a.startsWith("--"));
const fixtureDir = new URL("../test/screen/fixtures", import.meta.url).pathname;
const jsonl = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(dir, f));
const inputs = files.length ? files : [...jsonl(evalDir), ...jsonl(fixtureDir)];

/** Every case of every file, its id prefixed by the file's name so ids stay unique. */
function readCases(paths: string[]): Case[] {
  return paths.flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Case)
      .map((c) => ({ ...c, id: `${basename(path, ".jsonl")}::${c.id}` })),
  );
}

const work = mkdtempSync(join(tmpdir(), "jianfu-rules-"));
const casesFile = join(work, "cases.jsonl");

/** The ids the scorer counts as missed for these predictions, and its summary. */
function score(preds: Map<string, Prediction>): { misses: Set<string>; summary: Record<string, number | null> } {
  const file = join(work, "preds.jsonl");
  writeFileSync(file, [...preds.values()].map((p) => JSON.stringify(p)).join("\n") + "\n");
  const out = execFileSync(process.execPath, [scorer, casesFile, file, "--misses", "--json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const lines = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = lines.pop() as Record<string, number | null>;
  return { misses: new Set(lines.map((m) => String(m.id))), summary };
}

async function judge(engine: Engine, c: Case): Promise<{ pred: Prediction; fired: Set<string> }> {
  const { value, fired } = await watchRulesAsync(() => processBatchLine(engine, JSON.stringify(c), 0, { llm: false, maxLength: 100_000 }));
  return { pred: value, fired };
}

const engine = await createEngine({ config: readConfig({}), logger: pino({ level: "silent" }) });
const cases = readCases(inputs);
writeFileSync(casesFile, cases.map((c) => JSON.stringify(c)).join("\n") + "\n");

const base = new Map<string, Prediction>();
const firedOn = new Map<string, Case[]>();
for (const c of cases) {
  const { pred, fired } = await judge(engine, c);
  base.set(c.id, pred);
  for (const id of fired) firedOn.set(id, [...(firedOn.get(id) ?? []), c]);
}
const before = score(base);

interface Coverage {
  rule: string;
  fires: number;
  fixes: string[];
  breaks: string[];
}
const rules = allRules().filter((r) => !r.note);
const coverage: Coverage[] = [];
for (const r of rules) {
  const on = firedOn.get(r.id) ?? [];
  if (!on.length) {
    coverage.push({ rule: r.id, fires: 0, fixes: [], breaks: [] });
    continue;
  }
  const preds = new Map(base);
  switchOff([r.id]);
  try {
    for (const c of on) preds.set(c.id, (await judge(engine, c)).pred);
  } finally {
    switchOn();
  }
  const after = score(preds);
  coverage.push({
    rule: r.id,
    fires: on.length,
    fixes: [...before.misses].filter((id) => !after.misses.has(id)),
    breaks: [...after.misses].filter((id) => !before.misses.has(id)),
  });
}
rmSync(work, { recursive: true, force: true });

const never = coverage.filter((c) => c.fires === 0).map((c) => c.rule);
const onlyHurt = coverage.filter((c) => c.fixes.length > 0 && c.breaks.length <= c.fixes.length).map((c) => c.rule);
const idle = coverage.filter((c) => c.fires > 0 && !c.fixes.length && !c.breaks.length).map((c) => c.rule);

if (asJson) {
  process.stdout.write(JSON.stringify({ cases: cases.length, summary: before.summary, coverage, never, onlyHurt, idle }) + "\n");
} else {
  const print = (line = "") => process.stdout.write(line + "\n");
  const s = before.summary;
  print(`# 规则覆盖：${inputs.length} 个文件，${cases.length} 条用例`);
  print(`问答全对 ${s.ask_fully_right}%，筛查 F1 ${s.screen_f1}%（精确率 ${s.screen_precision}%）`);
  print();
  print("| 规则 | 触发 | 去掉后改对 | 去掉后改错 |");
  print("|---|---|---|---|");
  for (const c of [...coverage].sort((a, b) => b.fires - a.fires)) print(`| ${c.rule} | ${c.fires} | ${c.fixes.length} | ${c.breaks.length} |`);
  print();
  print(`从不触发（${never.length}）：${never.join("、") || "无"}`);
  print(`去掉不亏（改对不少于改错）（${onlyHurt.length}）：${onlyHurt.join("、") || "无"}`);
  for (const c of coverage.filter((x) => onlyHurt.includes(x.rule))) print(`  ${c.rule}：改对 ${c.fixes.join(" ")}；改错 ${c.breaks.join(" ") || "无"}`);
  print(`触发但去掉不改变任何结果（${idle.length}）：${idle.join("、") || "无"}`);
}
process.exitCode = never.length ? 1 : 0;
