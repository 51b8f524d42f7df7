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

function toEvidence(out: Outcome): Evidence | null {
  if (out === null || out === undefined || out === false) return null;
  if (out === true) return { span: "" };
  if (typeof out === "string") return { span: out };
  return out;
}

/** Defines a rule; ids are unique across the code base. */
export function defineRule<A extends unknown[]>(id: string, description: string, test: (...args: A) => Outcome): Rule<A> {
  if (registry.has(id)) throw new Error(`rule ${id} is defined twice`);
  const info = { id, description };
  registry.set(id, info);
  const fires = (...args: A): Evidence | null => {
    if (off.has(id)) return null;
    const ev = toEvidence(test(...args));
    if (ev && open) open.push({ rule: id, ...ev });
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
  if (open && !off.has(id)) open.push({ rule: id, ...evidence });
}

/** Runs `fn` with a trace open; returns its value and the rules that fired, in order. Traces nest. */
export function traced<T>(fn: () => T): { value: T; trace: RuleFiring[] } {
  const outer = open;
  const trace: RuleFiring[] = [];
  open = trace;
  try {
    return { value: fn(), trace };
  } finally {
    open = outer;
    if (outer) outer.push(...trace);
  }
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
