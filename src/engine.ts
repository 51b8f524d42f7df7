import { createOfflineAsker } from "./answer/ask.js";
import { composeWithLlm } from "./answer/llm-composer.js";
import type { Config } from "./config.js";
import { UserError } from "./errors.js";
import type { KnowledgeBase } from "./knowledge/knowledge-base.js";
import { loadKnowledgeBase } from "./knowledge/load.js";
import type { Logger } from "./logger.js";
import { setupLlm } from "./llm/setup.js";
import type { Scope } from "./policy/scope.js";
import { createPreparer } from "./policy/prepare.js";
import { regionSaidIn } from "./policy/self-location.js";
import { createScreener, type Screener } from "./screen/screener.js";
import { inBand, screenCandidates, screenWithSecondOpinion } from "./screen/second-opinion.js";
import { createKnowledgeRetriever, type KnowledgeRetriever } from "./search/knowledge-retriever.js";
import type { Retriever, SearchHit } from "./search/types.js";
import type { AskResult, ScreenResult } from "./types.js";

export interface AskOptions {
  /** What the asker said to the bot just before, oldest first, for follow-ups ("那锅炉呢？", "为什么？"). */
  history?: readonly string[];
  /** Where the asker's community is ("云南省昆明市西山区"); default the setting REGION. */
  region?: string;
  /** Use the LLM when configured (default true when configured). */
  llm?: boolean;
}

export interface ScreenOptions {
  sender?: string;
  group?: string;
  /** Where the group is; default the setting REGION. */
  region?: string;
  llm?: boolean;
}

/** The core, as the bot and the CLI see it. No platform, no process start-up. */
export interface Engine {
  kb: KnowledgeBase;
  ask(question: string, opts?: AskOptions): Promise<AskResult>;
  screen(text: string, opts?: ScreenOptions): Promise<ScreenResult>;
  search(query: string, limit?: number, region?: string): SearchHit[];
  /** What binds a place (the default region when none is given). */
  scope(region?: string): Scope;
  /** A message as it is read: traditional characters simplified, common misspellings corrected. */
  prepare(text: string): string;
}

export interface EngineDeps {
  config: Config;
  logger: Logger;
  /** A knowledge base already loaded (tests); else loaded from config.KNOWLEDGE_DIR. */
  kb?: KnowledgeBase;
}

/** What judges questions and messages for one place. */
interface Judge {
  retriever: KnowledgeRetriever;
  /** BM25 with vectors when configured, over the same place's entries. */
  fused: Retriever;
  ask: ReturnType<typeof createOfflineAsker>;
  screener: Screener;
}

/** Merges two hit lists by id, keeping the first list's order and adding what only the second found. */
function mergeHits(first: SearchHit[], second: SearchHit[]): SearchHit[] {
  const seen = new Set(first.map((h) => h.id));
  return [...first, ...second.filter((h) => !seen.has(h.id))];
}

/**
 * Loads the knowledge base and builds the engine: offline retrieval, answers and screening, plus
 * the LLM composer, vector retrieval and screening second opinion when an endpoint is configured.
 */
export async function createEngine({ config, logger, kb: given }: EngineDeps): Promise<Engine> {
  const kb = given ?? loadKnowledgeBase(config.KNOWLEDGE_DIR);
  const scopeOf = (region?: string) => kb.scope(region?.trim() || config.REGION);
  const prepare = createPreparer(kb.lexicon);
  /** The region asked for; else where the text says the asker is ("我们是昆明西山区的社区"); else REGION. */
  const regionOf = (text: string, region?: string) => region?.trim() || regionSaidIn(text, kb.places);
  if (kb.places.parse(config.REGION).length === 0) logger.warn({ region: config.REGION }, "REGION 不是认得的地名，只按全国性规定判断");
  const { llm, vector, fuse } = await setupLlm({ config, logger, kb });
  // One retriever, answerer and screener per place, built when the place is first judged.
  const judges = new Map<Scope, Judge>();
  const judge = (region?: string): Judge => {
    const scope = scopeOf(region);
    let j = judges.get(scope);
    if (!j) {
      const retriever = createKnowledgeRetriever(kb, scope);
      const active = new Set(scope.items.map((it) => it.id));
      const fused = fuse(retriever, (id) => id.startsWith("doc/") || active.has(id));
      judges.set(scope, (j = { retriever, fused, ask: createOfflineAsker(kb, retriever), screener: createScreener(kb, retriever) }));
    }
    return j;
  };
  const getEntry = (id: string) => kb.get(id);
  const maxLength = config.MAX_TEXT_LENGTH;
  const checkText = (text: string, what: string) => {
    if (!text.trim()) throw new UserError(`${what}是空的。`);
    if (text.length > maxLength) throw new UserError(`${what}太长（${text.length} 字，上限 ${maxLength} 字）。`);
  };
  logger.debug({ items: kb.items.length, passages: kb.passages.length, hash: kb.hash, llm: Boolean(llm), vectors: Boolean(vector) }, "engine ready");
  return {
    kb,
    scope: scopeOf,
    prepare,
    async ask(raw, opts = {}) {
      checkText(raw, "问题");
      const question = prepare(raw);
      opts = { ...opts, history: opts.history?.map(prepare) };
      const j = judge(regionOf([...(opts.history ?? []), question].join("\n"), opts.region));
      const offline = j.ask(question, opts.history);
      if (!llm || opts.llm === false) return offline.result;
      // Vectors add paraphrase recall to what the model sees; the offline verdict stays BM25's.
      const hits = vector ? mergeHits(offline.decision.hits, await j.fused.search(offline.decision.query, { limit: 8 })) : offline.decision.hits;
      const previous = opts.history?.length ? opts.history.join("\n") : undefined;
      return composeWithLlm({ llm, question, previous, hits, offline: offline.result, logger, getEntry });
    },
    async screen(raw, opts = {}) {
      checkText(raw, "消息");
      const text = prepare(raw);
      const j = judge(regionOf(text, opts.region));
      const offline = j.screener.screen(text, { sender: opts.sender, group: opts.group });
      if (!llm || opts.llm === false || !inBand(offline.confidence, config.LLM_SCREEN_BAND)) return offline;
      const hits = await j.fused.search(text, { limit: 8, kinds: ["item"] });
      return screenWithSecondOpinion({
        llm,
        text,
        offline,
        band: config.LLM_SCREEN_BAND,
        sender: opts.sender,
        group: opts.group,
        logger,
        candidates: screenCandidates(offline, hits, getEntry),
      });
    },
    search: (query, limit = 10, region) => judge(region).retriever.search(query, { limit }),
  };
}
