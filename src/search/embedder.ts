import OpenAI from "openai";
import type { Config } from "../config.js";
import { LlmError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Limiter } from "../llm/limit.js";
import type { Embedder } from "./types.js";

/** Local servers (Ollama, vLLM) need no key, but the SDK insists on one. */
export const PLACEHOLDER_API_KEY = "sk-no-key-needed";

export interface OpenAiEmbedderOptions {
  baseURL: string;
  apiKey?: string;
  model: string;
  /** Hard deadline per request, retries included. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Texts per /v1/embeddings request. */
  batchSize?: number;
  /** Requested output dimensions (only for models that support it). */
  dimensions?: number;
  limiter?: Limiter;
  logger?: Logger;
}

/** An Embedder over an OpenAI-compatible /v1/embeddings endpoint, with call counts. */
export interface OpenAiEmbedder extends Embedder {
  readonly stats: { calls: number; texts: number; failures: number };
}

/** Creates an Embedder that batches texts over /v1/embeddings. Throws LlmError on failure. */
export function createOpenAiEmbedder(opts: OpenAiEmbedderOptions): OpenAiEmbedder {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const batchSize = Math.max(1, opts.batchSize ?? 64);
  const client = new OpenAI({
    baseURL: opts.baseURL,
    apiKey: opts.apiKey || PLACEHOLDER_API_KEY,
    timeout: timeoutMs,
    maxRetries: opts.maxRetries ?? 2,
  });
  const stats = { calls: 0, texts: 0, failures: 0 };
  let dimensions = opts.dimensions;

  const embedBatch = async (input: string[]): Promise<number[][]> => {
    const signal = AbortSignal.timeout(timeoutMs);
    const call = () =>
      client.embeddings.create(
        {
          model: opts.model,
          input,
          // The SDK asks for base64 by default; many compatible servers only speak float.
          encoding_format: "float",
          ...(opts.dimensions ? { dimensions: opts.dimensions } : {}),
        },
        { signal },
      );
    stats.calls++;
    stats.texts += input.length;
    try {
      const res = await (opts.limiter ? opts.limiter.run(call, signal) : call());
      const rows = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
      if (rows.length !== input.length) throw new LlmError(`embeddings: asked for ${input.length} vectors, got ${rows.length}`);
      for (const v of rows) {
        if (!Array.isArray(v) || v.length === 0) throw new LlmError("embeddings: empty vector in response");
        dimensions ??= v.length;
        if (v.length !== dimensions) throw new LlmError(`embeddings: dimension ${v.length}, expected ${dimensions}`);
      }
      return rows;
    } catch (err) {
      stats.failures++;
      if (err instanceof LlmError) throw err;
      throw new LlmError(`embeddings request failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    }
  };

  return {
    model: opts.model,
    get dimensions() {
      return dimensions;
    },
    stats,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      }
      opts.logger?.debug({ model: opts.model, texts: texts.length }, "embedded");
      return out;
    },
  };
}

/** The embedder the config asks for, or null when OPENAI_EMBEDDING_MODEL is not set. */
export function embedderFromConfig(config: Config, logger?: Logger, limiter?: Limiter): OpenAiEmbedder | null {
  if (!config.OPENAI_BASE_URL || !config.OPENAI_EMBEDDING_MODEL) return null;
  return createOpenAiEmbedder({
    baseURL: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_EMBEDDING_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    limiter,
    logger,
  });
}
