import { ChatOpenAI } from "@langchain/openai";
import type { BaseMessageLike } from "@langchain/core/messages";
import type { z } from "zod";
import type { Config } from "../config.js";
import { LlmError } from "../errors.js";
import { scrubSecrets, type Logger } from "../logger.js";
import { createOpenAiEmbedder, PLACEHOLDER_API_KEY, type OpenAiEmbedder } from "../search/embedder.js";
import { parseJsonReply } from "./json.js";
import { createLimiter, type Limiter } from "./limit.js";

/** The part of the config the client reads. */
export type LlmConfig = Pick<
  Config,
  | "OPENAI_BASE_URL"
  | "OPENAI_API_KEY"
  | "OPENAI_MODEL"
  | "OPENAI_EMBEDDING_MODEL"
  | "LLM_TIMEOUT_MS"
  | "LLM_MAX_RETRIES"
  | "LLM_CONCURRENCY"
>;

export interface ChatOptions {
  /** Ask for `response_format: json_object` (dropped for servers that refuse it). */
  json?: boolean;
  /** Cancels the call early; the hard LLM_TIMEOUT_MS deadline applies anyway. */
  signal?: AbortSignal;
}

/** Counters for the bench and the health endpoint. */
export interface LlmStats {
  chatCalls: number;
  chatFailures: number;
  timeouts: number;
  readonly embedCalls: number;
}

/** An OpenAI-compatible chat model (and embeddings when configured) with limits and deadlines. */
export interface Llm {
  readonly model: string;
  readonly timeoutMs: number;
  readonly stats: LlmStats;
  /** Null when OPENAI_EMBEDDING_MODEL is not set. */
  readonly embedder: OpenAiEmbedder | null;
  /** One completion's text. Throws LlmError (HTTP error, timeout, empty reply). */
  chat(messages: BaseMessageLike[], opts?: ChatOptions): Promise<string>;
  /** A completion streamed as text deltas; the deadline covers the whole stream. */
  stream(messages: BaseMessageLike[], opts?: { signal?: AbortSignal }): AsyncGenerator<string>;
  /** A completion in JSON mode, its first JSON object validated by `schema`. Throws LlmError. */
  chatJson<T>(messages: BaseMessageLike[], schema: z.ZodType<T>, opts?: { signal?: AbortSignal }): Promise<T>;
  /** Embeds texts; throws LlmError when no embedding model is configured. */
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * The LLM client the config asks for, or null when OPENAI_BASE_URL / OPENAI_MODEL are not set.
 * Chat goes through LangChain's ChatOpenAI (retries with backoff), embeddings through `openai`;
 * both share one concurrency limit, and no call outlives LLM_TIMEOUT_MS.
 */
export function createLlm(config: LlmConfig, logger: Logger): Llm | null {
  if (!config.OPENAI_BASE_URL || !config.OPENAI_MODEL) return null;
  const timeoutMs = config.LLM_TIMEOUT_MS;
  const limiter = createLimiter(config.LLM_CONCURRENCY);
  const model = new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY || PLACEHOLDER_API_KEY,
    configuration: { baseURL: config.OPENAI_BASE_URL },
    timeout: timeoutMs,
    maxRetries: config.LLM_MAX_RETRIES,
    temperature: 0,
    // Many compatible servers reject stream_options.include_usage.
    streamUsage: false,
  });
  const embedder = config.OPENAI_EMBEDDING_MODEL
    ? createOpenAiEmbedder({
        baseURL: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY,
        model: config.OPENAI_EMBEDDING_MODEL,
        timeoutMs,
        maxRetries: config.LLM_MAX_RETRIES,
        limiter,
        logger,
      })
    : null;
  const stats = {
    chatCalls: 0,
    chatFailures: 0,
    timeouts: 0,
    get embedCalls() {
      return embedder?.stats.calls ?? 0;
    },
  };
  // Unknown until a server answers a JSON-mode request; false after it refused one.
  let jsonModeOk: boolean | undefined;

  const deadline = (outer?: AbortSignal) => {
    const timer = AbortSignal.timeout(timeoutMs);
    return { timer, signal: outer ? AbortSignal.any([timer, outer]) : timer };
  };

  // An upstream error may echo the key back: it never reaches a message or a log.
  const secrets = config.OPENAI_API_KEY ? [config.OPENAI_API_KEY] : [];
  const fail = (err: unknown, timer: AbortSignal): never => {
    stats.chatFailures++;
    if (timer.aborted) {
      stats.timeouts++;
      throw new LlmError(`LLM timed out after ${timeoutMs} ms`);
    }
    if (err instanceof LlmError) throw err;
    const status = httpStatus(err);
    throw new LlmError(`LLM call failed${status ? ` (HTTP ${status})` : ""}: ${scrubSecrets(errorMessage(err), secrets)}`);
  };

  const invoke = async (messages: BaseMessageLike[], json: boolean, signal: AbortSignal) => {
    const callOpts = json ? { signal, response_format: { type: "json_object" as const } } : { signal };
    const reply = await limiter.run(() => raceAbort(model.invoke(messages, callOpts), signal), signal);
    const text = typeof reply.content === "string" ? reply.content : reply.text;
    if (!text.trim()) throw new LlmError("LLM returned an empty reply");
    return text;
  };

  const llm: Llm = {
    model: config.OPENAI_MODEL,
    timeoutMs,
    stats,
    embedder,

    async chat(messages, opts = {}) {
      stats.chatCalls++;
      const { timer, signal } = deadline(opts.signal);
      const json = Boolean(opts.json) && jsonModeOk !== false;
      try {
        const text = await invoke(messages, json, signal);
        if (json) jsonModeOk = true;
        return text;
      } catch (err) {
        const status = httpStatus(err);
        if (json && jsonModeOk === undefined && (status === 400 || status === 422) && !signal.aborted) {
          // Maybe the server refuses response_format: ask again with the prompt alone, and if
          // that works, stop asking for JSON mode.
          try {
            const text = await invoke(messages, false, signal);
            jsonModeOk = false;
            logger.warn({ status }, "LLM server refused JSON mode; using plain completions");
            return text;
          } catch (err2) {
            return fail(err2, timer);
          }
        }
        return fail(err, timer);
      }
    },

    async *stream(messages, opts = {}) {
      stats.chatCalls++;
      const { timer, signal } = deadline(opts.signal);
      let release: (() => void) | undefined;
      try {
        release = await raceAbort(limiter.acquire(signal), signal);
        const chunks = await raceAbort(model.stream(messages, { signal }), signal);
        const it = chunks[Symbol.asyncIterator]();
        for (;;) {
          const next = await raceAbort(it.next(), signal);
          if (next.done) break;
          const delta = typeof next.value.content === "string" ? next.value.content : next.value.text;
          if (delta) yield delta;
        }
      } catch (err) {
        fail(err, timer);
      } finally {
        release?.();
      }
    },

    async chatJson(messages, schema, opts = {}) {
      const text = await llm.chat(messages, { json: true, signal: opts.signal });
      return parseJsonReply(text, schema);
    },

    async embed(texts) {
      if (!embedder) throw new LlmError("no embedding model configured (OPENAI_EMBEDDING_MODEL)");
      return embedder.embed(texts);
    },
  };
  logger.debug({ model: llm.model, baseURL: config.OPENAI_BASE_URL, timeoutMs }, "LLM client ready");
  return llm;
}

/** Settles with `p`, or rejects as soon as `signal` aborts (even if `p` ignores the signal). */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function httpStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; response?: { status?: unknown }; cause?: unknown } | null;
  if (!e || typeof e !== "object") return undefined;
  if (typeof e.status === "number") return e.status;
  if (typeof e.response?.status === "number") return e.response.status;
  return e.cause && e.cause !== err ? httpStatus(e.cause) : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type { Limiter };
