import { SCREEN_CUES, SCREEN_PREFIX, type ScreenCueName } from "../knowledge/cue-names.js";
import type { Lexicon } from "../knowledge/lexicon.js";
import { normalizeText } from "../search/normalize.js";

/** The cue lists screening reads from knowledge/lexicon/screen-cues.yaml (names without `screen_`). */
export const CUE_NAMES = Object.keys(SCREEN_CUES) as ScreenCueName[];

export type CueName = ScreenCueName;

/** Normalised cue words by name; a missing list is empty, so a trimmed lexicon degrades, not crashes. */
export type ScreenCues = Record<CueName, string[]>;

/** Reads the `screen_*` lists of the lexicon, normalised like the text they are matched against. */
export function readScreenCues(lexicon: Lexicon): ScreenCues {
  // Screening and answers both read them: once per lexicon, so their compiled patterns are shared too.
  const known = readCues.get(lexicon);
  if (known) return known;
  const out = {} as ScreenCues;
  for (const name of CUE_NAMES) {
    const words = (lexicon.cues[SCREEN_PREFIX + name] ?? []).map((w) => normalizeText(w).replace(/\s+/g, "")).filter(Boolean);
    out[name] = [...new Set(words)];
  }
  readCues.set(lexicon, out);
  return out;
}

const readCues = new WeakMap<Lexicon, ScreenCues>();

/** One regular expression matching any of `words` literally. */
export function literalAlternation(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

const compiled = new WeakMap<readonly string[], RegExp | null>();

/** One regular expression per cue list (compiled once): most texts match no cue, and it says so fast. */
function cueRegex(list: readonly string[]): RegExp | null {
  let re = compiled.get(list);
  if (re === undefined) {
    re = list.length ? literalAlternation(list) : null;
    compiled.set(list, re);
  }
  return re;
}

/** The first cue of `list` (in list order) found in `text`, or undefined. */
export function findCue(text: string, list: readonly string[]): string | undefined {
  if (!hasCue(text, list)) return undefined;
  for (const w of list) if (text.includes(w)) return w;
  return undefined;
}

/** True when any cue of `list` occurs in `text`. */
export function hasCue(text: string, list: readonly string[]): boolean {
  return cueRegex(list)?.test(text) ?? false;
}

/** Position of the first occurrence of any cue of `list`, or -1. */
export function cueIndex(text: string, list: readonly string[]): number {
  const m = cueRegex(list)?.exec(text);
  return m ? m.index : -1;
}
