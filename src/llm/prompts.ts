import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import type { BaseMessage } from "@langchain/core/messages";
import { LlmError } from "../errors.js";

/** A prompt file under prompts/, parsed into a LangChain template. */
export interface LoadedPrompt {
  name: string;
  template: ChatPromptTemplate;
  /** The {variables} the template needs, sorted. */
  variables: string[];
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
  const template = ChatPromptTemplate.fromMessages([
    ["system", m[1].trim()],
    ["human", m[2].trim()],
  ]);
  return { name, template, variables: [...template.inputVariables].sort() };
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
  return prompt.template.formatMessages(values);
}

/** Keeps user text from closing the tag it is wrapped in, or faking a section. */
export function fenceUserText(text: string, tag: string): string {
  return text.replace(new RegExp(`</?\\s*${tag}\\s*>`, "gi"), "").trim();
}
