import type { ListKind } from "../types.js";
import type { ConceptProposal } from "./concept-proposals.js";

/** A YAML scalar: quoted when plain style could misread it. */
function scalar(s: string): string {
  return /^[\u4e00-\u9fa5A-Za-z][^:#\n"'{}[\],&*!|>%@`]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

const flow = (xs: string[]) => `[${xs.map(scalar).join(", ")}]`;

export interface ListYaml {
  comment: string;
  set: string;
  region: string;
  lists: Array<{
    kind: ListKind;
    name: string;
    short: string;
    aliases: string[];
    verdict: string;
    source: string;
    closure?: string;
    items: Array<{ id: string; text: string; proposals: ConceptProposal[] }>;
  }>;
}

/** A list file (knowledge/lists/SET.yaml) in the layout of the hand-written ones. */
export function listFileYaml(y: ListYaml): string {
  const out = [`# ${y.comment}`, `set: ${y.set}`, `region: ${scalar(y.region)}`, "lists:"];
  for (const l of y.lists) {
    out.push(`  - list: ${l.kind}`, `    name: ${scalar(l.name)}`, `    short: ${scalar(l.short)}`, `    aliases: ${flow(l.aliases)}`);
    out.push(`    verdict: ${l.verdict}`, `    source: ${l.source}`, "    notes: []");
    if (l.closure) out.push(`    closure: ${scalar(l.closure)}`);
    out.push("    items:");
    l.items.forEach((it, i) => {
      out.push(`      - id: ${it.id}`, `        number: ${i + 1}`);
      if (it.proposals.length) out.push(`        covers: ${flow(it.proposals.map((p) => p.concept))}`);
      else out.push("        covers: []", "        uncovered: true");
      out.push(`        text: ${JSON.stringify(it.text)}`);
    });
  }
  return `${out.join("\n")}\n`;
}

const NOT_GIVEN = /未给出|未写明|未标明|未核实|^无$/;

/** The sources.yaml entry for an imported document, from its header lines. */
export function sourceEntryYaml(s: { slug: string; header: Record<string, string>; region: string }): string {
  const h = s.header;
  const number = NOT_GIVEN.test(h["文号"] ?? "") ? "" : (h["文号"] ?? "").replace(/[（(][^）)]*[）)]\s*$/, "").trim();
  const aliases = [...new Set([s.region, s.region.replace(/(省|市|自治区)$/, ""), number].filter((a) => a && a !== "全国"))];
  return [
    `- slug: ${s.slug}`,
    `  aliases: ${flow(aliases)}`,
    `  title: ${scalar(h["标题"] ?? s.slug)}`,
    `  issuer: ${scalar(h["发文机关"] || "未写明")}`,
    `  date: ${scalar(h["日期"] || "未写明")}`,
    `  number: ${scalar(number)}`,
    `  region: ${scalar(s.region)}`,
    "",
  ].join("\n");
}
