/**
 * A fake DingTalk on 127.0.0.1 speaking the protocols the real clients expect: the stream
 * gateway (connections/open + websocket frames), sessionWebhook, and the robot OpenAPI.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

/** A frame the client sent back: an ack of a callback or the answer to a ping. */
export interface ClientFrame {
  code: number;
  headers: { messageId: string; contentType?: string; topic?: string };
  message: string;
  data: string;
}

export interface RecordedPost {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export class FakeDingtalkGateway extends EventEmitter {
  readonly opens: RecordedPost[] = [];
  readonly acks: ClientFrame[] = [];
  readonly pongs: ClientFrame[] = [];
  readonly webhookPosts: RecordedPost[] = [];
  readonly tokenRequests: RecordedPost[] = [];
  readonly groupSends: RecordedPost[] = [];
  readonly userSends: RecordedPost[] = [];
  /** Every message a user would see (webhook replies and OpenAPI sends accepted), in order. */
  readonly accepted: RecordedPost[] = [];
  /** Total websocket connections accepted so far. */
  connections = 0;
  /** Answer the next n connections/open with 500. */
  failOpens = 0;
  /** Answer the next n sessionWebhook posts with 500. */
  failWebhooks = 0;
  /** Answer the next n group sends (OpenAPI) with 500. */
  failGroupSends = 0;
  /** Answers for the next connections/open calls, before the normal one (429 with Retry-After …). */
  openAnswers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }> = [];
  /** errcodes for the next sessionWebhook posts, answered with HTTP 200 (DingTalk's throttling). */
  webhookErrcodes: number[] = [];
  /** Accept a sessionWebhook post, then answer this much later (a slow server). */
  webhookDelayMs = 0;
  /** Accept an OpenAPI send, then answer this much later. */
  sendDelayMs = 0;
  /** Answers for the next OpenAPI sends (group or user), refusing them (429 with Retry-After …). */
  sendAnswers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }> = [];
  /** Secret that connections/open and accessToken accept. */
  clientSecret = "secret";

  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly server = createServer((req, res) => void this.route(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private tokenCount = 0;

  /** Starts listening on 127.0.0.1 at a free port. */
  async listen(): Promise<this> {
    this.server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const ticket = url.searchParams.get("ticket") ?? "";
      if (url.pathname !== "/connect" || !this.tickets.delete(ticket)) {
        socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return this;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get gatewayUrl(): string {
    return `${this.base}/v1.0/gateway/connections/open`;
  }
  /** A sessionWebhook URL as DingTalk would put in a robot message. */
  webhookUrl(session = "s1"): string {
    return `${this.base}/robot/sendBySession?session=${session}`;
  }
  /** Sockets open now. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Pushes a robot message as a CALLBACK frame; returns the frame's messageId. */
  pushRobotMessage(data: object | string, messageId = `msg-${randomUUID()}`): string {
    const frame = {
      specVersion: "1.0",
      type: "CALLBACK",
      headers: {
        appId: "fake-app-id",
        connectionId: "fake-connection",
        contentType: "application/json",
        messageId,
        time: String(Date.now()),
        topic: TOPIC_ROBOT,
      },
      data: typeof data === "string" ? data : JSON.stringify(data),
    };
    this.broadcast(JSON.stringify(frame));
    return messageId;
  }

  /** Sends a SYSTEM ping; the client answers with the same messageId. */
  ping(): string {
    const messageId = `ping-${randomUUID()}`;
    this.broadcast(
      JSON.stringify({
        specVersion: "1.0",
        type: "SYSTEM",
        headers: { contentType: "application/json", messageId, time: String(Date.now()), topic: "ping" },
        data: JSON.stringify({ opaque: randomUUID() }),
      }),
    );
    return messageId;
  }

  /** Sends raw text down every socket (for malformed frames). */
  broadcast(text: string): void {
    if (this.sockets.size === 0) throw new Error("no client connected");
    for (const ws of this.sockets) ws.send(text);
  }

  /** Drops every client socket without a close handshake, as a network failure would. */
  dropSockets(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Resolves once `predicate` holds; re-checked on every recorded event. */
  async waitFor(predicate: () => boolean): Promise<void> {
    while (!predicate()) await once(this, "event");
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.connections++;
    this.sockets.add(ws);
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as ClientFrame;
      (frame.headers.topic === "ping" ? this.pongs : this.acks).push(frame);
      this.emit("event");
    });
    ws.on("close", () => {
      this.sockets.delete(ws);
      this.emit("event");
    });
    this.emit("event");
  }

  private async route(req: HttpRequest, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let text = "";
    for await (const chunk of req) text += chunk;
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.json(res, 400, { code: "InvalidJson", message: "body is not JSON" });
    }
    const post: RecordedPost = { path: url.pathname, query: url.searchParams, headers: req.headers, body };
    const reply = (status: number, data: unknown) => {
      this.json(res, status, data);
      this.emit("event");
    };
    const authorised = () => req.headers["x-acs-dingtalk-access-token"] === `token-${this.tokenCount}`;

    switch (`${req.method} ${url.pathname}`) {
      case "POST /v1.0/gateway/connections/open": {
        this.opens.push(post);
        const answer = this.openAnswers.shift();
        if (answer) return this.refuse(res, answer);
        if (this.failOpens > 0) return this.failOpens--, reply(500, { code: "ServerError" });
        if (body?.clientSecret !== this.clientSecret) return reply(401, { code: "InvalidAuthentication" });
        const ticket = randomUUID();
        this.tickets.add(ticket);
        return reply(200, { endpoint: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/connect`, ticket });
      }
      case "POST /robot/sendBySession": {
        if (this.failWebhooks > 0) return this.webhookPosts.push(post), this.failWebhooks--, reply(500, { errcode: -1, errmsg: "busy" });
        const errcode = this.webhookErrcodes.shift();
        if (errcode) return this.webhookPosts.push(post), reply(200, { errcode, errmsg: "send too fast" });
        // Accepted (the user sees it) before the answer comes back.
        this.accepted.push(post);
        this.webhookPosts.push(post);
        this.emit("event");
        await pause(this.webhookDelayMs);
        return reply(200, { errcode: 0, errmsg: "ok" });
      }
      case "POST /v1.0/oauth2/accessToken":
        this.tokenRequests.push(post);
        if (body?.appSecret !== this.clientSecret) return reply(400, { code: "invalidClientSecret" });
        return reply(200, { accessToken: `token-${++this.tokenCount}`, expireIn: 7200 });
      case "POST /v1.0/robot/groupMessages/send":
        this.groupSends.push(post);
        if (!authorised()) return reply(401, { code: "InvalidAuthentication" });
        if (this.sendAnswers.length) return this.refuse(res, this.sendAnswers.shift()!);
        if (this.failGroupSends > 0) return this.failGroupSends--, reply(500, { code: "ServerError" });
        this.accepted.push(post);
        this.emit("event");
        await pause(this.sendDelayMs);
        return reply(200, { processQueryKey: randomUUID() });
      case "POST /v1.0/robot/oToMessages/batchSend":
        this.userSends.push(post);
        if (!authorised()) return reply(401, { code: "InvalidAuthentication" });
        if (this.sendAnswers.length) return this.refuse(res, this.sendAnswers.shift()!);
        this.accepted.push(post);
        this.emit("event");
        await pause(this.sendDelayMs);
        return reply(200, { processQueryKey: randomUUID(), invalidStaffIdList: [], flowControlledStaffIdList: [] });
      default:
        return reply(404, { code: "NotFound" });
    }
  }

  private refuse(res: ServerResponse, answer: { status: number; body?: unknown; headers?: Record<string, string> }): void {
    this.json(res, answer.status, answer.body ?? {}, answer.headers);
    this.emit("event");
  }

  private json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(data));
  }
}

const pause = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

/** Starts a fake gateway on 127.0.0.1. */
export async function startFakeDingtalkGateway(): Promise<FakeDingtalkGateway> {
  return new FakeDingtalkGateway().listen();
}
