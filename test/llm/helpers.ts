import { createLlm, type Llm, type LlmConfig } from "../../src/llm/client.js";
import { silentLogger } from "../../src/logger.js";

/** A client pointed at the fake server, with a short deadline and no retries unless asked. */
export function testLlm(url: string, overrides: Partial<LlmConfig> = {}): Llm {
  const llm = createLlm(
    {
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: undefined,
      OPENAI_MODEL: "fake-chat",
      OPENAI_EMBEDDING_MODEL: "fake-embed",
      LLM_TIMEOUT_MS: 400,
      LLM_MAX_RETRIES: 0,
      LLM_CONCURRENCY: 2,
      ...overrides,
    },
    silentLogger,
  );
  if (!llm) throw new Error("LLM not configured");
  return llm;
}
