import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import type WebSocket from "ws";
import { ConfigError, PlatformError } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";
import type { FetchLike } from "./dingtalk-api.js";
import { ReconnectLoop, type BackoffOptions } from "./reconnect.js";
import { retryAfterMs } from "./send-error.js";

export interface StreamConnectionOptions {
  clientId: string;
  clientSecret: string;
  /** `https://api.dingtalk.com/v1.0/gateway/connections/open` in production. */
  gatewayUrl: string;
  logger: Logger;
  fetch?: FetchLike;
  backoff?: BackoffOptions;
  /** Ping the gateway this often; a missing pong drops the socket. Default 20 s; 0 turns it off. */
  heartbeatMs?: number;
}

/** What the SDK keeps private but a wrapper must reach. */
interface ClientInternals {
  dw_url?: string;
  socket?: WebSocket;
  sslopts: Record<string, unknown>;
}

/**
 * The official DWClient in stream mode, with the connecting done here: the gateway URL is a
 * setting, reconnects back off with jitter and a cap (the SDK's own loop retries every second
 * forever), and stop() leaves no socket and no timer behind.
 */
export class StreamConnection {
  private readonly client: DWClient;
  private readonly loop: ReconnectLoop;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly opts: StreamConnectionOptions,
    onRobotMessage: (frame: DWClientDownStream) => void,
  ) {
    this.client = new DWClient({ clientId: opts.clientId, clientSecret: opts.clientSecret, ua: "jianfu" });
    this.client.config.autoReconnect = false;
    this.internals.sslopts = { ...this.internals.sslopts, handshakeTimeout: 10_000 };
    this.client.getEndpoint = () => this.openEndpoint();
    // The SDK parses frames without a try: one bad frame would be an uncaught exception.
    const onDownStream = this.client.onDownStream.bind(this.client);
    this.client.onDownStream = (data) => {
      try {
        if (!this.unrouted(data)) onDownStream(data);
      } catch (err) {
        opts.logger.warn({ err: String(err) }, "dingtalk frame skipped");
      }
    };
    this.client.registerCallbackListener(TOPIC_ROBOT, onRobotMessage);
    this.loop = new ReconnectLoop({
      connect: () => this.connectOnce(),
      backoff: opts.backoff,
      logger: opts.logger,
      // Only wrong credentials or a wrong gateway address stop the start; 429 and 5xx are retried.
      isFatal: (err) => err instanceof ConfigError,
    });
  }

  /**
   * Connects; resolves after the first attempt (later attempts run in the background).
   * Throws PlatformError when the gateway refuses the credentials.
   */
  async start(): Promise<boolean> {
    return this.loop.start();
  }

  /**
   * A callback no listener takes (no topic, or another one) is acked here, or DingTalk would
   * deliver it again and again. Returns true when it did so.
   */
  private unrouted(data: string): boolean {
    const frame = JSON.parse(data) as { type?: string; headers?: { topic?: string; messageId?: string } };
    if (frame.type !== "CALLBACK" || frame.headers?.topic === TOPIC_ROBOT) return false;
    const messageId = frame.headers?.messageId;
    this.opts.logger.warn({ messageId, topic: frame.headers?.topic ?? null }, "dingtalk callback without a known topic acked and skipped");
    if (messageId) this.ack(messageId);
    return true;
  }

  /** Acks a callback so DingTalk does not deliver it again. */
  ack(messageId: string): void {
    try {
      this.client.socketCallBackResponse(messageId, { status: "SUCCESS" });
    } catch (err) {
      this.opts.logger.warn({ err: String(err), messageId }, "dingtalk ack failed");
    }
  }

  get connected(): boolean {
    return this.client.connected;
  }

  stop(): void {
    this.loop.stop();
    this.stopHeartbeat();
    const socket = this.internals.socket;
    if (socket) {
      socket.removeAllListeners("close");
      // terminate() also ends a socket still opening, and errors are expected then.
      socket.on("error", () => {});
      socket.terminate();
    }
    this.client.connected = false;
  }

  private get internals(): ClientInternals {
    return this.client as unknown as ClientInternals;
  }

  /** Replaces the SDK's getEndpoint, which posts to a hard-coded URL through axios. */
  private async openEndpoint(): Promise<DWClient> {
    const { clientId, clientSecret, gatewayUrl } = this.opts;
    const res = await (this.opts.fetch ?? fetch)(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ clientId, clientSecret, ua: "jianfu", subscriptions: this.client.config.subscriptions }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw gatewayRefusal(res.status, text, retryAfterMs(res.headers.get("retry-after")));
    const { endpoint, ticket } = JSON.parse(text) as { endpoint?: string; ticket?: string };
    if (!endpoint || !ticket) throw new PlatformError("钉钉 Stream 网关未返回 endpoint/ticket");
    this.internals.dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this.client;
  }

  private async connectOnce(): Promise<void> {
    await this.client.getEndpoint();
    if (this.loop.isStopped) return;
    await this.client._connect();
    const socket = this.internals.socket;
    if (this.loop.isStopped || !socket) {
      socket?.terminate();
      return;
    }
    this.opts.logger.info("dingtalk stream connected");
    socket.once("close", () => {
      this.stopHeartbeat();
      if (this.loop.isStopped) return;
      this.opts.logger.warn("dingtalk stream closed, reconnecting");
      this.loop.dropped();
    });
    this.startHeartbeat(socket);
  }

  /** The SDK's keepAlive leaks an interval per reconnect, so liveness is checked here. */
  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    const every = this.opts.heartbeatMs ?? 20_000;
    if (!every) return;
    let alive = true;
    socket.on("pong", () => (alive = true));
    socket.on("message", () => (alive = true));
    this.heartbeat = setInterval(() => {
      if (!alive) {
        this.opts.logger.warn("dingtalk stream heartbeat lost");
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, every);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

/** A refused connections/open: the retry-after it asked for, when it did. */
export class GatewayRefusal extends PlatformError {
  constructor(
    message: string,
    status: number,
    readonly retryAfterMs?: number,
  ) {
    super(message, status);
  }
}

const TRANSIENT = new Set([408, 409, 423, 425, 429]);
const CREDENTIAL_WORDS = /auth|secret|credential|clientid|appkey|forbidden|token/i;

/**
 * What a refused connections/open means: wrong credentials (or address) are a ConfigError that
 * stops the start with a clear message; throttling and server errors are retried.
 */
function gatewayRefusal(status: number, body: string, retryAfter: number | undefined): Error {
  const detail = body.slice(0, 200);
  if (status === 401 || status === 403 || (status === 400 && CREDENTIAL_WORDS.test(body))) {
    return new ConfigError(`钉钉拒绝了应用凭证（HTTP ${status}：${detail}）：请检查 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET`);
  }
  if (status >= 400 && status < 500 && !TRANSIENT.has(status)) {
    return new ConfigError(`钉钉 Stream 网关返回 ${status}（${detail}）：请检查 DINGTALK_GATEWAY_URL`);
  }
  return new GatewayRefusal(`钉钉 Stream 网关返回 ${status}：${detail}`, status, retryAfter);
}
