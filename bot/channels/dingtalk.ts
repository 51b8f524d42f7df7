import type { DWClientDownStream } from "dingtalk-stream";
import { PlatformError } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";
import type { OutgoingMessage } from "../../src/types.js";
import type { Channel, MessageHandler, SendTarget } from "./channel.js";
import { createDeduper } from "./dedupe.js";
import { createDingtalkApi, type DingtalkApi, type FetchLike } from "./dingtalk-api.js";
import { parseRobotMessage, senderIdOf, toIncoming, type RobotMessage } from "./dingtalk-message.js";
import { StreamConnection } from "./dingtalk-stream.js";
import type { BackoffOptions } from "./reconnect.js";
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
  /** Webhook retry backoff; tests shorten it. */
  retryBackoff?: BackoffOptions;
  replyAttempts?: number;
  heartbeatMs?: number;
  /** How long a msgId is remembered to drop redeliveries. Default 10 minutes. */
  dedupeTtlMs?: number;
}

/** The DingTalk channel, with its OpenAPI client exposed for callers that need the token. */
export interface DingtalkChannel extends Channel {
  readonly api: DingtalkApi;
  /** Whether the stream socket is open now. */
  readonly connected: boolean;
}

/** Markdown messages longer than this are cut off by DingTalk clients. */
const MAX_LENGTH = 4000;

/** DingTalk robot in stream mode: callbacks acked at once, deduplicated, answered through the sessionWebhook. */
export function createDingtalkChannel(opts: DingtalkChannelOptions): DingtalkChannel {
  const { logger, botName } = opts;
  const api = createDingtalkApi({ ...opts });
  const dedupe = createDeduper({ ttlMs: opts.dedupeTtlMs });
  let handler: MessageHandler | undefined;
  const inFlight = new Set<Promise<void>>();

  const onFrame = (frame: DWClientDownStream): void => {
    const messageId = frame.headers?.messageId;
    if (messageId) stream.ack(messageId);
    const parsed = parseRobotMessage(frame.data);
    if ("error" in parsed) {
      logger.warn({ messageId, reason: parsed.error }, "dingtalk callback skipped");
      return;
    }
    if (dedupe.seen(parsed.msgId)) {
      logger.debug({ msgId: parsed.msgId }, "dingtalk duplicate dropped");
      return;
    }
    const task = handle(parsed).finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  async function handle(m: RobotMessage): Promise<void> {
    const message = toIncoming(m, botName);
    if (!message || !handler) {
      logger.debug({ msgId: m.msgId, msgtype: m.msgtype }, "dingtalk message without text skipped");
      return;
    }
    const group = m.conversationType === "2";
    const reply = async (out: OutgoingMessage): Promise<void> => {
      const atUserIds = out.atUserIds ?? (group ? [senderIdOf(m)] : []);
      for (const [i, part] of parts(out).entries()) {
        const at = i === 0 ? atUserIds : [];
        if (webhookAlive(m)) await api.replyViaWebhook(m.sessionWebhook, part, at);
        else if (group) await api.sendToGroup(m.conversationId, part);
        else await api.sendToUser(senderIdOf(m), part);
      }
    };
    try {
      await handler({ message, reply });
    } catch (err) {
      logger.error({ err, msgId: m.msgId }, "dingtalk handler failed");
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
    api,
    get connected() {
      return stream.connected;
    },

    async start(h) {
      handler = h;
      await stream.start();
    },

    async send(target: SendTarget, out: OutgoingMessage) {
      for (const part of parts(out)) {
        if (target.kind === "group") await api.sendToGroup(target.id, part);
        else if (target.kind === "user") await api.sendToUser(target.id, part);
        else throw new PlatformError(`未知的发送目标：${String(target.kind)}`);
      }
    },

    async stop() {
      stream.stop();
      handler = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** A sessionWebhook works until its expiry time; after that, the OpenAPI. */
function webhookAlive(m: RobotMessage): boolean {
  return !m.sessionWebhookExpiredTime || m.sessionWebhookExpiredTime - 5_000 > Date.now();
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
