import { PlatformError } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";
import type { OutgoingMessage } from "../../src/types.js";
import { openApiMessage, webhookBody } from "./dingtalk-message.js";
import { backoffDelay, sleep, type BackoffOptions } from "./reconnect.js";

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
  /** Attempts for a sessionWebhook reply on 5xx or network failure. Default 3. */
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
  /** Posts to a message's sessionWebhook, retrying 5xx and network failures. */
  replyViaWebhook(webhook: string, out: OutgoingMessage, atUserIds: string[]): Promise<void>;
}

/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/** Creates the HTTP client. Throws PlatformError (with the HTTP status when there is one). */
export function createDingtalkApi(opts: DingtalkApiOptions): DingtalkApi {
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const base = opts.apiBase.replace(/\/+$/, "");
  const robotCode = opts.robotCode ?? opts.clientId;
  let token: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new PlatformError(`钉钉接口无法访问：${pathOf(url)}`, undefined, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) throw new PlatformError(`钉钉接口返回 ${res.status}：${pathOf(url)} ${text.slice(0, 200)}`, res.status);
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      throw new PlatformError(`钉钉接口返回的不是 JSON：${pathOf(url)}`, res.status);
    }
  }

  async function fetchToken(): Promise<string> {
    const data = (await post(`${base}/v1.0/oauth2/accessToken`, {
      appKey: opts.clientId,
      appSecret: opts.clientSecret,
    })) as { accessToken?: string; expireIn?: number };
    if (!data.accessToken) throw new PlatformError("钉钉未返回 accessToken，请检查 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET");
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

  async function openApi(path: string, body: Record<string, unknown>): Promise<unknown> {
    const call = async () => post(`${base}${path}`, body, { "x-acs-dingtalk-access-token": await accessToken() });
    try {
      return await call();
    } catch (err) {
      // A token revoked early: fetch a new one once.
      if (err instanceof PlatformError && err.status === 401) {
        token = undefined;
        return call();
      }
      throw err;
    }
  }

  return {
    accessToken,

    async sendToGroup(openConversationId, out) {
      await openApi("/v1.0/robot/groupMessages/send", { robotCode, openConversationId, ...openApiMessage(out) });
    },

    async sendToUser(userId, out) {
      const data = (await openApi("/v1.0/robot/oToMessages/batchSend", {
        robotCode,
        userIds: [userId],
        ...openApiMessage(out),
      })) as { invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };
      if (data.invalidStaffIdList?.includes(userId)) throw new PlatformError(`钉钉用户 ${userId} 无效或不可达`);
      if (data.flowControlledStaffIdList?.includes(userId)) throw new PlatformError(`钉钉对用户 ${userId} 限流`, 429);
    },

    async replyViaWebhook(webhook, out, atUserIds) {
      const attempts = Math.max(1, opts.replyAttempts ?? 3);
      const body = webhookBody(out, atUserIds);
      for (let attempt = 0; ; attempt++) {
        try {
          const data = (await post(webhook, body)) as { errcode?: number; errmsg?: string };
          if (data.errcode) throw new PlatformError(`钉钉拒绝了回复：${data.errcode} ${data.errmsg ?? ""}`, 200);
          return;
        } catch (err) {
          const status = err instanceof PlatformError ? err.status : undefined;
          const retryable = status === undefined || status >= 500 || status === 429;
          if (!retryable || attempt + 1 >= attempts) throw err;
          const delay = backoffDelay(attempt, { initialMs: 500, maxMs: 5000, ...opts.retryBackoff });
          opts.logger.warn({ status, attempt: attempt + 1, delayMs: delay }, "dingtalk webhook reply failed, retrying");
          await sleep(delay);
        }
      }
    },
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
