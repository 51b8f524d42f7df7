import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { ChatPromptTemplate } from "@langchain/core/prompts";
import type { BaseMessage } from "@langchain/core/messages";
import { LlmError } from "../errors.js";

/** A prompt file under prompts/: its two messages, and the LangChain template once it was needed. */
export interface LoadedPrompt {
  name: string;
  system: string;
  user: string;
  /** The {variables} the template needs, sorted. */
  variables: string[];
  template?: ChatPromptTemplate;
}

/** prompts/ at the project root, wherever the process was started. */
export const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

const cache = new Map<string, LoadedPrompt>();

/**
 * Parses a prompt file: an optional leading <!-- note --> for maintainers, then a "## system"
 * line and a "## user" line, each followed by its f-string template ({var}, literal {{ }}).
 */
export function parsePrompt(name: string, text: string): LoadedPrompt {
  const body = text.replace(/<!--[\s\S]*?-->/g, "");
  const m = /^## system[ \t]*\r?\n([\s\S]*?)^## user[ \t]*\r?\n([\s\S]*)$/m.exec(body);
  if (!m) throw new LlmError(`prompt ${name}: expected a "## system" and a "## user" section`);
  const system = m[1].trim();
  const user = m[2].trim();
  return { name, system, user, variables: fStringVariables(`${system}\n${user}`) };
}

/** The {name} variables of f-string templates, `{{` and `}}` being literal braces. */
function fStringVariables(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.replace(/\{\{|\}\}/g, "").matchAll(/\{([^{}]+)\}/g)) names.add(m[1]!.trim());
  return [...names].sort();
}

/** Loads prompts/<name>.md (cached per directory). */
export function loadPrompt(name: string, dir = PROMPTS_DIR): LoadedPrompt {
  const key = join(dir, `${name}.md`);
  let p = cache.get(key);
  if (!p) {
    p = parsePrompt(name, readFileSync(key, "utf8"));
    cache.set(key, p);
  }
  return p;
}

/** Every prompt in the directory, by file name. */
export function listPrompts(dir = PROMPTS_DIR): LoadedPrompt[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => loadPrompt(f.slice(0, -3), dir));
}

/** Fills a prompt; the values must be exactly its variables (a typo fails loudly, not silently). */
export async function formatPrompt(prompt: LoadedPrompt, values: Record<string, string>): Promise<BaseMessage[]> {
  const given = Object.keys(values).sort();
  if (given.join() !== prompt.variables.join()) {
    throw new LlmError(`prompt ${prompt.name}: needs {${prompt.variables.join(", ")}}, got {${given.join(", ")}}`);
  }
  // LangChain loads on first use: an offline bot never pays for it.
  const { ChatPromptTemplate } = await import("@langchain/core/prompts");
  prompt.template ??= ChatPromptTemplate.fromMessages([
    ["system", prompt.system],
    ["human", prompt.user],
  ]);
  return prompt.template.formatMessages(values);
}

/** Keeps user text from closing the tag it is wrapped in, or faking a section. */
export function fenceUserText(text: string, tag: string): string {
  return text.replace(new RegExp(`</?\\s*${tag}\\s*>`, "gi"), "").trim();
}
