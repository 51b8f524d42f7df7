import type { Logger } from "../../src/logger.js";
import type { OutgoingMessage } from "../../src/types.js";
import { openApiMessage, webhookBody } from "./dingtalk-message.js";
import { backoffDelay, sleep, type BackoffOptions } from "./reconnect.js";
import { fetchFailure, retryAfterMs, SendError } from "./send-error.js";

export type FetchLike = typeof fetch;

export interface DingtalkApiOptions {
  clientId: string;
  clientSecret: string;
  /** The robot's code; for an organisation's internal app it is the client id. */
  robotCode?: string;
  /** `https://api.dingtalk.com` in production. */
  apiBase: string;
  logger: Logger;
  fetch?: FetchLike;
  /** Attempts per send when DingTalk refused it for a passing reason (5xx, throttling). Default 3. */
  replyAttempts?: number;
  retryBackoff?: BackoffOptions;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

/** DingTalk's HTTP side: replies through a sessionWebhook, and the robot OpenAPI with its cached token. */
export interface DingtalkApi {
  accessToken(): Promise<string>;
  sendToGroup(openConversationId: string, out: OutgoingMessage): Promise<void>;
  sendToUser(userId: string, out: OutgoingMessage): Promise<void>;
  /** Posts to a message's sessionWebhook. */
  replyViaWebhook(webhook: string, out: OutgoingMessage, atUserIds: string[]): Promise<void>;
}

/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** Longest wait a Retry-After may ask for before the send is given up for now. */
const MAX_RETRY_AFTER_MS = 30_000;
/** errcodes DingTalk answers with HTTP 200 when a robot sends too fast. */
const THROTTLE_ERRCODES = new Set([130101, 130102, 410100, 90002, 90006, 90018]);
const THROTTLE_WORDS = /too fast|limit|throttl|flowcontrol|频率|限流|过快/i;

/** Creates the HTTP client. Sends throw SendError: rejected (safe to retry) or unknown (never retried). */
export function createDingtalkApi(opts: DingtalkApiOptions): DingtalkApi {
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const base = opts.apiBase.replace(/\/+$/, "");
  const robotCode = opts.robotCode ?? opts.clientId;
  const attempts = Math.max(1, opts.replyAttempts ?? 3);
  let token: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const what = `钉钉接口 ${pathOf(url)} `;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      text = await res.text();
    } catch (err) {
      throw fetchFailure(err, what);
    }
    const data = parseBody(text);
    const retryAfter = retryAfterMs(res.headers.get("retry-after"), now());
    if (!res.ok) {
      const throttled = res.status === 429 || THROTTLE_WORDS.test(String(data.code ?? ""));
      // A gateway timeout: the request may have been carried out behind it.
      const outcome = res.status === 504 ? "unknown" : "rejected";
      const message = `${what}返回 ${res.status}${throttled ? "（限流）" : ""}：${text.slice(0, 200)}`;
      throw new SendError(message, outcome, throttled ? 429 : res.status, retryAfter);
    }
    const errcode = Number(data.errcode ?? 0);
    if (errcode) {
      const errmsg = String(data.errmsg ?? "");
      const throttled = THROTTLE_ERRCODES.has(errcode) || THROTTLE_WORDS.test(errmsg);
      throw new SendError(`${what}拒绝：${errcode} ${errmsg}`, "rejected", throttled ? 429 : 200, retryAfter);
    }
    return data;
  }

  /** Tries a send again while DingTalk refuses it for a passing reason; never after an unknown outcome. */
  async function withRetries(what: string, send: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return;
      } catch (err) {
        if (!(err instanceof SendError) || err.outcome === "unknown" || !transient(err) || attempt + 1 >= attempts) throw err;
        if ((err.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) throw err;
        const delay = Math.max(backoffDelay(attempt, { initialMs: 500, maxMs: 5000, ...opts.retryBackoff }), err.retryAfterMs ?? 0);
        opts.logger.warn({ status: err.status, attempt: attempt + 1, delayMs: delay, what }, "钉钉发送被拒，稍后重试");
        await sleep(delay);
      }
    }
  }

  async function fetchToken(): Promise<string> {
    const data = (await post(`${base}/v1.0/oauth2/accessToken`, { appKey: opts.clientId, appSecret: opts.clientSecret }).catch((err) => {
      // Nothing was sent yet: a token that did not come is a refusal, whatever happened to its request.
      throw err instanceof SendError ? new SendError(err.message, "rejected", err.status, err.retryAfterMs, { cause: err }) : err;
    })) as { accessToken?: string; expireIn?: number };
    if (!data.accessToken) throw new SendError("钉钉未返回 accessToken，请检查 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET", "rejected");
    const lifetimeMs = (data.expireIn ?? 7200) * 1000;
    token = { value: data.accessToken, refreshAt: now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
    return data.accessToken;
  }

  async function accessToken(): Promise<string> {
    if (token && now() < token.refreshAt) return token.value;
    // Concurrent sends share one token request.
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  async function openApi(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const call = async () => post(`${base}${path}`, body, { "x-acs-dingtalk-access-token": await accessToken() });
    try {
      return await call();
    } catch (err) {
      // A token revoked early: fetch a new one once.
      if (err instanceof SendError && err.status === 401) {
        token = undefined;
        return call();
      }
      throw err;
    }
  }

  return {
    accessToken,

    sendToGroup: (openConversationId, out) =>
      withRetries("groupMessages/send", () => openApi("/v1.0/robot/groupMessages/send", { robotCode, openConversationId, ...openApiMessage(out) })),

    sendToUser: (userId, out) =>
      withRetries("oToMessages/batchSend", async () => {
        const data = (await openApi("/v1.0/robot/oToMessages/batchSend", { robotCode, userIds: [userId], ...openApiMessage(out) })) as {
          invalidStaffIdList?: string[];
          flowControlledStaffIdList?: string[];
        };
        if (data.invalidStaffIdList?.includes(userId)) throw new SendError(`钉钉用户 ${userId} 无效或不可达`, "rejected", 404);
        if (data.flowControlledStaffIdList?.includes(userId)) throw new SendError(`钉钉对用户 ${userId} 限流`, "rejected", 429);
      }),

    replyViaWebhook: (webhook, out, atUserIds) => withRetries("sessionWebhook", () => post(webhook, webhookBody(out, atUserIds))),
  };
}

/** Worth another try: the server failed (5xx) or asked us to slow down. */
function transient(err: SendError): boolean {
  return err.status === undefined || err.status >= 500 || err.status === 429 || err.status === 408;
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const data: unknown = text ? JSON.parse(text) : {};
    return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
