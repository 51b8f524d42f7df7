import type { KnowledgeBase } from "./knowledge/knowledge-base.js";
import type { SearchHit } from "./search/types.js";
import type { AskResult, ScreenResult } from "./types.js";

export interface AskOptions {
  /** The asker's previous question, for follow-ups ("那锅炉呢？"). */
  previous?: string;
  /** Use the LLM when configured (default true when configured). */
  llm?: boolean;
}

export interface ScreenOptions {
  sender?: string;
  group?: string;
  llm?: boolean;
}

/** The core, as the bot and the CLI see it. No platform, no process start-up. */
export interface Engine {
  kb: KnowledgeBase;
  ask(question: string, opts?: AskOptions): Promise<AskResult>;
  screen(text: string, opts?: ScreenOptions): Promise<ScreenResult>;
  search(query: string, limit?: number): SearchHit[];
}
