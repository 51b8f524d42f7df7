/**
 * A deterministic OpenAI-compatible server on 127.0.0.1 for tests: chat completions (JSON and
 * SSE streaming) and embeddings (hashed character bigrams, so similar texts are near). Each test
 * scripts what the chat endpoint does: a reply, an HTTP error, a delay, or a broken body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the next chat completion does. */
export interface ChatScript {
  /** The assistant message content (default: `{}`). */
  content?: string;
  /** Answer with this HTTP status and an OpenAI-style error body. */
  status?: number;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Answer 200 with a body that is not JSON. */
  garbage?: boolean;
  /** With `status`: the error message repeats the Authorization header, as some servers do. */
  echoKey?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: any;
}

export interface FakeOpenAiServer {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  embeddingRequests(): RecordedRequest[];
  /** Every chat completion from now on does this (a function sees the request body). */
  reply(script: ChatScript | ((body: any) => ChatScript)): void;
  /** The next chat completion only does this; queued before the default. */
  replyOnce(script: ChatScript): void;
  /** What the embeddings endpoint does (status, delay). */
  embeddings(script: Omit<ChatScript, "content">): void;
  close(): Promise<void>;
}

export const FAKE_EMBEDDING_DIMS = 64;

/** The fake server's embedding: character unigrams and bigrams hashed into `dims`, unit length. */
export function fakeEmbedding(text: string, dims = FAKE_EMBEDDING_DIMS): number[] {
  const v: number[] = Array.from({ length: dims }, () => 0);
  const chars = [...text.replace(/\s+/g, "")];
  for (let i = 0; i < chars.length; i++) {
    v[fnv(chars[i]) % dims] += 0.5;
    if (i + 1 < chars.length) v[fnv(chars[i] + chars[i + 1]) % dims] += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1; // empty text: any unit vector
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Starts the server on a free port. */
export async function startOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const once: ChatScript[] = [];
  let byDefault: ChatScript | ((body: any) => ChatScript) = { content: "{}" };
  let embedScript: ChatScript = {};
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return sendJson(res, 400, { error: { message: "invalid JSON body", type: "invalid_request_error" } });
    }
    const path = (req.url ?? "").replace(/\?.*$/, "");
    requests.push({ path, headers: req.headers, body });
    if (req.method !== "POST") return sendJson(res, 405, { error: { message: "method not allowed" } });
    if (path.endsWith("/chat/completions")) {
      const script = once.shift() ?? (typeof byDefault === "function" ? byDefault(body) : byDefault);
      if (script.delayMs) await sleep(script.delayMs);
      if (res.destroyed) return;
      if (script.status) {
        const message = script.echoKey ? `Incorrect API key provided: ${String(req.headers.authorization)}` : `scripted ${script.status}`;
        return sendJson(res, script.status, { error: { message, type: "server_error" } });
      }
      if (script.garbage) return sendRaw(res, 200, "application/json", "<html>502 Bad Gateway</html>");
      return body.stream ? streamChat(res, body, script.content ?? "{}") : sendJson(res, 200, completion(body, script.content ?? "{}"));
    }
    if (path.endsWith("/embeddings")) {
      if (embedScript.delayMs) await sleep(embedScript.delayMs);
      if (res.destroyed) return;
      if (embedScript.status) return sendJson(res, embedScript.status, { error: { message: `scripted ${embedScript.status}` } });
      if (embedScript.garbage) return sendRaw(res, 200, "application/json", "not json");
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const data = inputs.map((text, index) => {
        const vec = fakeEmbedding(String(text));
        const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vec).buffer).toString("base64") : vec;
        return { object: "embedding", index, embedding };
      });
      return sendJson(res, 200, { object: "list", model: body.model, data, usage: { prompt_tokens: 0, total_tokens: 0 } });
    }
    sendJson(res, 404, { error: { message: `no route ${path}` } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith("/chat/completions")),
    embeddingRequests: () => requests.filter((r) => r.path.endsWith("/embeddings")),
    reply(script) {
      byDefault = script;
      once.length = 0;
    },
    replyOnce(script) {
      once.push(script);
    },
    embeddings(script) {
      embedScript = script;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(body: any, content: string) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function streamChat(res: ServerResponse, body: any, content: string) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunk = (delta: object, finish: string | null) => ({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const send = (obj: object) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  send(chunk({ role: "assistant", content: "" }, null));
  const chars = [...content];
  for (let i = 0; i < chars.length; i += 4) send(chunk({ content: chars.slice(i, i + 4).join("") }, null));
  send(chunk({}, "stop"));
  res.end("data: [DONE]\n\n");
}

function sendJson(res: ServerResponse, status: number, obj: unknown) {
  sendRaw(res, status, "application/json", JSON.stringify(obj));
}

function sendRaw(res: ServerResponse, status: number, type: string, text: string) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}
