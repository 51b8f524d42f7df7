import { createOfflineAsker } from "./answer/ask.js";
import type { Config } from "./config.js";
import { UserError } from "./errors.js";
import type { KnowledgeBase } from "./knowledge/knowledge-base.js";
import { loadKnowledgeBase } from "./knowledge/load.js";
import type { Logger } from "./logger.js";
import { createKnowledgeRetriever } from "./search/knowledge-retriever.js";
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

export interface EngineDeps {
  config: Config;
  logger: Logger;
  /** A knowledge base already loaded (tests); else loaded from config.KNOWLEDGE_DIR. */
  kb?: KnowledgeBase;
}

/** Loads the knowledge base and builds the offline engine (and the LLM path when configured). */
export async function createEngine({ config, logger, kb: given }: EngineDeps): Promise<Engine> {
  const kb = given ?? loadKnowledgeBase(config.KNOWLEDGE_DIR);
  const retriever = createKnowledgeRetriever(kb);
  const askOffline = createOfflineAsker(kb, retriever);
  const maxLength = config.MAX_TEXT_LENGTH;
  const checkText = (text: string, what: string) => {
    if (!text.trim()) throw new UserError(`${what}是空的。`);
    if (text.length > maxLength) throw new UserError(`${what}太长（${text.length} 字，上限 ${maxLength} 字）。`);
  };
  logger.debug({ items: kb.items.length, passages: kb.passages.length, hash: kb.hash }, "knowledge loaded");
  return {
    kb,
    async ask(question, opts = {}) {
      checkText(question, "问题");
      return askOffline(question, opts.previous).result;
    },
    async screen(text) {
      checkText(text, "消息");
      throw new UserError("筛查功能尚未实现。");
    },
    search: (query, limit = 10) => retriever.search(query, { limit }),
  };
}

