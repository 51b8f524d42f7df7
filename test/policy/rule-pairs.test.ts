import { readFileSync } from "node:fs";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readConfig } from "../../src/config.js";
import { createEngine } from "../../src/engine.js";
import { allRules, watchRulesAsync } from "../../src/policy/rules.js";
import { realKb } from "../support/kb.js";

/**
 * Per rule, a minimal pair (rule-pairs.yaml): a message where the rule fires and a near miss,
 * a few words away, where it must not. A failure names the rule that broke.
 */
interface Example {
  kind: "screen" | "ask";
  text: string;
  region?: string;
  history?: string[];
  sender?: string;
}
interface Pair {
  fires: Example;
  near: Example;
}

const pairs = parse(readFileSync(new URL("./rule-pairs.yaml", import.meta.url), "utf8")) as Record<string, Pair>;
const engine = await createEngine({ config: readConfig({}), logger: pino({ level: "silent" }), kb: realKb() });

async function firedOn(e: Example): Promise<Set<string>> {
  const run = (): Promise<unknown> =>
    e.kind === "ask"
      ? engine.ask(e.text, { region: e.region, history: e.history ?? [] })
      : engine.screen(e.text, { region: e.region, sender: e.sender });
  return (await watchRulesAsync(run)).fired;
}

describe("every rule has a minimal pair", () => {
  it("lists each rule that decides something, and no unknown rule", () => {
    const rules = allRules().filter((r) => !r.note).map((r) => r.id).sort();
    expect(Object.keys(pairs).filter((id) => !rules.includes(id)), "pairs for unknown rules").toEqual([]);
    expect(rules.filter((id) => !pairs[id]), "rules without a pair").toEqual([]);
  });
});

describe.each(Object.entries(pairs))("%s", (rule, pair) => {
  it("fires on its example", async () => {
    expect([...(await firedOn(pair.fires))], pair.fires.text).toContain(rule);
  });
  it("stays silent on the near miss", async () => {
    expect([...(await firedOn(pair.near))], pair.near.text).not.toContain(rule);
  });
});
