import type { DWClientDownStream } from "dingtalk-stream";
import type { Logger } from "../../src/logger.js";
import type { OutgoingMessage } from "../../src/types.js";
import type { Channel, MessageHandler, ReplyRoute, SendTarget } from "./channel.js";
import { createDeduper } from "./dedupe.js";
import { createDingtalkApi, type DingtalkApi, type FetchLike } from "./dingtalk-api.js";
import { parseRobotMessage, senderIdOf, toIncoming, type RobotMessage } from "./dingtalk-message.js";
import { StreamConnection } from "./dingtalk-stream.js";
import type { BackoffOptions } from "./reconnect.js";
import { outcomeUnknown, SendError } from "./send-error.js";
import { splitText } from "./split.js";

export interface DingtalkChannelOptions {
  clientId: string;
  clientSecret: string;
  /** Defaults to the client id (an organisation's internal app). */
  robotCode?: string;
  /** DINGTALK_GATEWAY_URL. */
  gatewayUrl: string;
  /** DINGTALK_API_BASE. */
  apiBase: string;
  botName: string;
  logger: Logger;
  fetch?: FetchLike;
  /** Reconnect backoff; tests shorten it. */
  backoff?: BackoffOptions;
  /** Send retry backoff; tests shorten it. */
  retryBackoff?: BackoffOptions;
  replyAttempts?: number;
  /** Per HTTP request. Default 10 s. */
  timeoutMs?: number;
  heartbeatMs?: number;
  /** How long a msgId is remembered in memory (the store remembers it for a day). Default 10 minutes. */
  dedupeTtlMs?: number;
}

/** The DingTalk channel, with its OpenAPI client exposed for callers that need the token. */
export interface DingtalkChannel extends Channel {
  readonly api: DingtalkApi;
}

/** Markdown messages longer than this are cut off by DingTalk clients. */
const MAX_LENGTH = 4000;

/**
 * DingTalk robot in stream mode. A callback is acked only once the handler has recorded it (its
 * flag and owed reply stored); until then a redelivery is folded into the one in hand, and a
 * callback that could not be recorded is left unacked so that DingTalk delivers it again.
 * Replies go through the sessionWebhook, and through the OpenAPI (keeping the @) when it fails.
 */
export function createDingtalkChannel(opts: DingtalkChannelOptions): DingtalkChannel {
  const { logger, botName } = opts;
  const api = createDingtalkApi({ ...opts });
  const handled = createDeduper({ ttlMs: opts.dedupeTtlMs });
  /** msgId → the frame ids to ack once it is recorded (DingTalk redelivers under new frame ids). */
  const inFlight = new Map<string, { frames: string[]; done: Promise<void> }>();
  let handler: MessageHandler | undefined;
  let closing = false;

  const onFrame = (frame: DWClientDownStream): void => {
    const frameId = frame.headers?.messageId;
    if (closing) return; // Not acked: DingTalk delivers it again after the restart.
    const parsed = parseRobotMessage(frame.data);
    if ("error" in parsed) {
      logger.warn({ messageId: frameId, reason: parsed.error }, "dingtalk callback skipped");
      if (frameId) stream.ack(frameId);
      return;
    }
    const running = inFlight.get(parsed.msgId);
    if (running) {
      if (frameId) running.frames.push(frameId);
      return;
    }
    if (handled.has(parsed.msgId)) {
      logger.debug({ msgId: parsed.msgId }, "dingtalk duplicate dropped");
      if (frameId) stream.ack(frameId);
      return;
    }
    const entry = { frames: frameId ? [frameId] : [], done: Promise.resolve() };
    inFlight.set(parsed.msgId, entry);
    entry.done = take(parsed).then(
      () => {
        handled.seen(parsed.msgId);
        for (const id of entry.frames) stream.ack(id);
      },
      (err) => logger.error({ err, msgId: parsed.msgId }, "dingtalk callback not recorded, left for DingTalk to deliver again"),
    ).finally(() => inFlight.delete(parsed.msgId));
  };

  async function take(m: RobotMessage): Promise<void> {
    const message = toIncoming(m, botName);
    if (!message || !handler) {
      logger.debug({ msgId: m.msgId, msgtype: m.msgtype }, "dingtalk message without text skipped");
      return;
    }
    const route = routeOf(m);
    await handler({ message, route, reply: (out) => reply(route, out) });
  }

  async function reply(route: ReplyRoute, out: OutgoingMessage): Promise<void> {
    const group = route.group === true;
    const userId = String(route.userId);
    const atUserIds = out.atUserIds ?? (group ? [userId] : []);
    for (const [i, part] of parts(out).entries()) {
      const at = i === 0 ? atUserIds : [];
      if (webhookAlive(route)) {
        try {
          await api.replyViaWebhook(String(route.webhook), part, at);
          continue;
        } catch (err) {
          if (outcomeUnknown(err)) throw err;
          logger.warn({ err: (err as Error).message }, "dingtalk sessionWebhook failed, replying through the OpenAPI");
        }
      }
      if (group) await api.sendToGroup(String(route.conversationId), withNames(part, at.length ? [String(route.nick)] : []));
      else await api.sendToUser(userId, part);
    }
  }

  const stream = new StreamConnection(
    {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      gatewayUrl: opts.gatewayUrl,
      logger,
      fetch: opts.fetch,
      backoff: opts.backoff,
      heartbeatMs: opts.heartbeatMs,
    },
    onFrame,
  );

  return {
    name: "dingtalk",
    maxLength: MAX_LENGTH,
    markdown: true,
    rateLimited: true,
    api,
    get connected() {
      return stream.connected;
    },

    async start(h) {
      handler = h;
      closing = false;
      await stream.start();
    },

    reply,

    async send(target: SendTarget, out: OutgoingMessage) {
      for (const part of parts(out)) {
        if (target.kind === "group") await api.sendToGroup(target.id, part);
        else if (target.kind === "user") await api.sendToUser(target.id, part);
        else throw new SendError(`未知的发送目标：${String(target.kind)}`, "rejected");
      }
    },

    async stop() {
      // Callbacks being recorded finish and are acked; new ones wait for the next start.
      closing = true;
      await Promise.allSettled([...inFlight.values()].map((e) => e.done));
      stream.stop();
      handler = undefined;
    },
  };
}

/** What a reply needs, kept with the owed reply so it can be sent after a restart. */
function routeOf(m: RobotMessage): ReplyRoute {
  return {
    group: m.conversationType === "2",
    conversationId: m.conversationId,
    webhook: m.sessionWebhook,
    expires: m.sessionWebhookExpiredTime ?? null,
    userId: senderIdOf(m),
    nick: m.senderNick || senderIdOf(m),
  };
}

/** A sessionWebhook works until its expiry time; after that, the OpenAPI. */
function webhookAlive(route: ReplyRoute): boolean {
  return typeof route.webhook === "string" && (typeof route.expires !== "number" || route.expires - 5_000 > Date.now());
}

/** The OpenAPI cannot @ anyone: the name is written at the start, as the webhook reply shows it. */
function withNames(out: OutgoingMessage, names: string[]): OutgoingMessage {
  if (!names.length) return out;
  const prefix = names.map((n) => `@${n} `).join("");
  return { ...out, text: prefix + out.text, markdown: out.markdown === undefined ? undefined : prefix + out.markdown };
}

/** Splits the version DingTalk will show (markdown when given) into parts that fit. */
function parts(out: OutgoingMessage): OutgoingMessage[] {
  const body = out.markdown ?? out.text;
  // Room for the @ prefix the webhook adds.
  const pieces = splitText(body, { maxLength: MAX_LENGTH - 100 });
  if (pieces.length === 1) return [out];
  return pieces.map((piece, i) => ({
    ...out,
    text: out.markdown === undefined ? piece : out.text,
    markdown: out.markdown === undefined ? undefined : piece,
    title: out.title ? `${out.title}（${i + 1}/${pieces.length}）` : undefined,
  }));
}
