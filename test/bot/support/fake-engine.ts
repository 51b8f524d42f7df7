import type { AskOptions, Engine, ScreenOptions } from "../../../src/engine.js";
import type { KnowledgeBase } from "../../../src/knowledge/knowledge-base.js";
import { loadKnowledgeBase } from "../../../src/knowledge/load.js";
import { DEFAULT_REGION } from "../../../src/policy/places.js";
import type { AskResult, ScreenResult } from "../../../src/types.js";

let kbCache: KnowledgeBase | undefined;

/** The real knowledge base from knowledge/, loaded once per test file. */
export function realKb(): KnowledgeBase {
  return (kbCache ??= loadKnowledgeBase("knowledge"));
}

/**
 * A scripted engine over the real knowledge base: unit tests check the bot, not retrieval.
 * Questions or messages mentioning 燃气/锅炉 match gansu/negative/7; 派单 words make a push.
 */
export class FakeEngine implements Engine {
  readonly kb = realKb();
  readonly asked: Array<{ question: string; opts?: AskOptions }> = [];
  readonly screened: Array<{ text: string; opts?: ScreenOptions }> = [];
  readonly searched: Array<{ query: string; region?: string }> = [];
  askError: Error | undefined;
  screenError: Error | undefined;

  async ask(question: string, opts?: AskOptions): Promise<AskResult> {
    this.asked.push({ question, opts });
    if (this.askError) throw this.askError;
    const about = `${opts?.history?.join(" ") ?? ""} ${question}`;
    if (/燃气|锅炉|电梯/.test(about)) {
      return {
        verdict: "negative",
        citations: ["gansu/negative/7"],
        answer: "不属于社区职责 · 负面清单\n负面清单第7项：辖区电梯、锅炉等特种设备安全检查……\n[1] gansu/negative/7",
        confidence: 0.9,
        composer: "offline",
      };
    }
    return { verdict: "out_of_scope", citations: [], answer: "这个问题不在清单范围内。", confidence: 0.5, composer: "offline" };
  }

  async screen(text: string, opts?: ScreenOptions): Promise<ScreenResult> {
    this.screened.push({ text, opts });
    if (this.screenError) throw this.screenError;
    if (/请.*(完成|上报|检查)/.test(text) && /燃气|锅炉|电梯/.test(text)) {
      return { flagged: true, category: "negative", citations: ["gansu/negative/7"], confidence: 0.9, reason: "要求社区做特种设备安全检查" };
    }
    return { flagged: false, category: null, citations: [], confidence: 0.1, reason: "不是派单" };
  }

  prepare(text: string) {
    return text;
  }

  scope(region?: string) {
    return this.kb.scope(region ?? DEFAULT_REGION);
  }

  search(query: string, limit = 5, region?: string) {
    this.searched.push({ query, region });
    return this.scope(region)
      .items
      .filter((i) => i.text.includes(query))
      .slice(0, limit)
      .map((item) => ({ id: item.id, score: 1, entry: { kind: "item" as const, item } }));
  }
}
