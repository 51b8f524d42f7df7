/**
 * Named rules. Every judgement screening and answering make is a rule with an id
 * (`exclusion.department-does-it`), a one-line Chinese description and a test that returns
 * evidence (the span it matched, the weight it adds) or nothing. Rules that fire while a trace is
 * open are recorded in it, in order, so a decision can say which rules made it; a rule can be
 * switched off to see what it carries (`npm run rules`).
 */

/** What a rule saw: the words it matched, and the weight it adds where it adds one. */
export interface Evidence {
  span: string;
  weight?: number;
  /** What the rule concluded, when more than that it fired (an item id, a concept …). */
  detail?: string;
}

/** One rule that fired, with its evidence. */
export interface RuleFiring extends Evidence {
  rule: string;
}

export interface RuleInfo {
  id: string;
  description: string;
  /** A note records a conclusion for the trace and decides nothing: switching it off changes no outcome. */
  note?: boolean;
}

/** A rule over some inputs; `test` is its logic, `fires` runs it, records it and honours switching off. */
export interface Rule<A extends unknown[]> extends RuleInfo {
  /** The evidence when the rule fires (recorded in the open trace), else null. A switched-off rule never fires. */
  fires(...args: A): Evidence | null;
  /** True when the rule fires: `fires` for conditions. */
  holds(...args: A): boolean;
}

type Outcome = Evidence | string | boolean | null | undefined;

const registry = new Map<string, RuleInfo>();
const off = new Set<string>();
let open: RuleFiring[] | null = null;
/** Every rule that fired while watched, traced or not (coverage runs). */
let watching: Set<string> | null = null;

function toEvidence(out: Outcome): Evidence | null {
  if (out === null || out === undefined || out === false) return null;
  if (out === true) return { span: "" };
  if (typeof out === "string") return { span: out };
  return out;
}

/** A firing for the trace, built field by field (object spread is slow on this hot path). */
function firing(rule: string, ev: Evidence): RuleFiring {
  const f: RuleFiring = { rule, span: ev.span };
  if (ev.weight !== undefined) f.weight = ev.weight;
  if (ev.detail !== undefined) f.detail = ev.detail;
  return f;
}

/** Defines a rule; ids are unique across the code base. */
export function defineRule<A extends unknown[]>(id: string, description: string, test: (...args: A) => Outcome): Rule<A> {
  if (registry.has(id)) throw new Error(`rule ${id} is defined twice`);
  const info = { id, description };
  registry.set(id, info);
  const fires = (...args: A): Evidence | null => {
    if (off.has(id)) return null;
    const ev = toEvidence(test(...args));
    if (ev && watching) watching.add(id);
    if (ev && open) open.push(firing(id, ev));
    return ev;
  };
  return { ...info, fires, holds: (...args: A) => fires(...args) !== null };
}

/** A rule that fires where a pattern matches a text; the evidence is the matched span. */
export function patternRule(id: string, description: string, pattern: RegExp): Rule<[string]> & { pattern: RegExp } {
  const rule = defineRule(id, description, (text: string) => {
    const m = pattern.exec(text);
    return m ? { span: m[0] } : null;
  });
  return { ...rule, pattern };
}

/** Records a conclusion reached outside a rule's own test (an item chosen by retrieval, say). */
export function note(id: string, evidence: Evidence): void {
  if (!registry.has(id)) throw new Error(`rule ${id} is not defined`);
  if (off.has(id)) return;
  watching?.add(id);
  if (open) open.push(firing(id, evidence));
}

/** Runs `fn` with a trace open; returns its value and the rules that fired, in order. Traces nest. */
export function traced<T>(fn: () => T): { value: T; trace: RuleFiring[] } {
  const outer = open;
  const trace: RuleFiring[] = [];
  open = trace;
  try {
    const value = fn();
    return { value, trace: once(trace) };
  } finally {
    open = outer;
    if (outer) outer.push(...trace);
  }
}

/** The firings with repeats dropped: a rule consulted twice on the same words fired once. */
function once(trace: RuleFiring[]): RuleFiring[] {
  // Traces are short: comparing pairs costs less than building keys.
  const same = (a: RuleFiring, b: RuleFiring) => a.rule === b.rule && a.span === b.span && a.detail === b.detail;
  if (trace.length < 2) return trace;
  return trace.filter((f, i) => {
    for (let j = 0; j < i; j++) if (same(trace[j]!, f)) return false;
    return true;
  });
}

/** Every rule defined so far (those of loaded modules). */
export function allRules(): RuleInfo[] {
  return [...registry.values()];
}

/** The rule's description, or undefined for an unknown id. */
export function describeRule(id: string): string | undefined {
  return registry.get(id)?.description;
}

/** Switches rules off (for coverage runs); `switchOn()` with no ids turns every rule back on. */
export function switchOff(ids: Iterable<string>): void {
  for (const id of ids) off.add(id);
}

export function switchOn(ids?: Iterable<string>): void {
  if (!ids) off.clear();
  else for (const id of ids) off.delete(id);
}

/** Defines a note: a conclusion recorded with `note()`, deciding nothing itself. */
export function defineNote(id: string, description: string): void {
  if (registry.has(id)) throw new Error(`rule ${id} is defined twice`);
  registry.set(id, { id, description, note: true });
}

/** Runs `fn` and returns the ids of every rule that fired in it, recorded in a trace or not. */
export function watchRules<T>(fn: () => T): { value: T; fired: Set<string> } {
  const outer = watching;
  const fired = new Set<string>();
  watching = fired;
  try {
    return { value: fn(), fired };
  } finally {
    watching = outer;
    if (outer) for (const id of fired) outer.add(id);
  }
}

/** `watchRules` for an async judgement; run one at a time, since the watch is global while it lasts. */
export async function watchRulesAsync<T>(fn: () => Promise<T>): Promise<{ value: T; fired: Set<string> }> {
  const outer = watching;
  const fired = new Set<string>();
  watching = fired;
  try {
    return { value: await fn(), fired };
  } finally {
    watching = outer;
  }
}

/** The task and the item a judgement settled on, noted with the words that named them. */
defineNote("task.named", "说出了这件事的说法（概念词表里的日常说法）");
defineNote("task.defined-by-check", "按检查的内容认定是哪类事（查燃气、查电梯、查后厨）");
defineNote("task.by-wording", "按清单条目原文的字词认定是哪件事");
defineNote("item.match", "检索和规则选出的清单条目");

/** Runs `fn` without recording: for looking ahead at what a rule would say (another clause as topic). */
export function untraced<T>(fn: () => T): T {
  const outer = open;
  open = null;
  try {
    return fn();
  } finally {
    open = outer;
  }
}
