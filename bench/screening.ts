/**
 * Screening throughput on a realistic mix (mostly chat, some notices, few pushes) against a floor:
 * the same mix through one plain regular expression of every negative-list task word. Both are
 * warmed up on one untimed pass, then timed over several rounds; the median round is reported, as
 * a single cold round mostly measures the JIT.
 */
import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { literalAlternation } from "../src/policy/cues.js";
import type { Screener } from "../src/screen/screener.js";
import { fmt, percentile, timeEach } from "./stats.js";

export interface ScreeningBench {
  rate: number;
  p50: number;
  p99: number;
  floorRate: number;
  floorP99: number;
  /** Screener time over regex time, median round. */
  ratio: number;
  flagged: number;
}

const ROUNDS = 3;

/** The regex floor: one alternation of every negative-list task word. */
export function floorRegex(kb: KnowledgeBase): RegExp {
  const words = kb.items.filter((i) => i.list === "negative").flatMap((i) => kb.itemWords(i.id));
  return literalAlternation(words);
}

export function benchScreening(kb: KnowledgeBase, screener: Screener, mix: string[]): ScreeningBench {
  const regex = floorRegex(kb);
  // Warm-up: every message once, for both.
  let flagged = 0;
  for (const m of mix) if (screener.screen(m).flagged) flagged++;
  for (const m of mix) regex.test(m);
  const rounds = Array.from({ length: ROUNDS }, () => {
    const scr = timeEach(mix, (m) => screener.screen(m));
    const floor = timeEach(mix, (m) => regex.test(m));
    return { scr, floor, ratio: scr.totalMs / floor.totalMs };
  }).sort((a, b) => a.ratio - b.ratio);
  const { scr, floor, ratio } = rounds[Math.floor(ROUNDS / 2)];
  const rate = (ms: number) => Math.round((mix.length / ms) * 1000);
  return {
    rate: rate(scr.totalMs),
    p50: percentile(scr.sorted, 50),
    p99: percentile(scr.sorted, 99),
    floorRate: rate(floor.totalMs),
    floorP99: percentile(floor.sorted, 99),
    ratio,
    flagged,
  };
}

export function printScreening(r: ScreeningBench, print: (line: string) => void): void {
  print(`screener: ${r.rate.toLocaleString()} msg/s, p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}, flagged ${r.flagged}`);
  print(`regex floor: ${r.floorRate.toLocaleString()} msg/s, p99 ${fmt(r.floorP99)}`);
  print(`ratio (screener time / regex time, median of ${ROUNDS} rounds after a warm-up pass): ${r.ratio.toFixed(1)}×`);
}
