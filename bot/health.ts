import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "../src/errors.js";

/** What /healthz reports. `ok` only when every channel is up and the store can write. */
export interface HealthStatus {
  ok: boolean;
  channels: Array<{ name: string; started: boolean; connected: boolean }>;
  store: { writable: boolean; error?: string };
  /** Content hash of the loaded knowledge base. */
  knowledge: string;
  /** Flags not yet in any digest (a count query, however many there are). */
  flags: { pending: number };
  /** Replies owed and queued; messages held in memory while the store cannot write. */
  replies: { queued: number; held: number };
}

/** Where the health endpoint listens and how it learns the status. */
export interface HealthServerOptions {
  /** HEALTH_PORT; 0 turns the endpoint off. */
  port: number;
  /** Default 127.0.0.1: the endpoint is for the machine's own probes. */
  host?: string;
  status(): HealthStatus;
}

/** The health endpoint: GET /healthz → 200 JSON when ok, 503 when not. */
export class HealthServer {
  private server: Server | undefined;

  constructor(private readonly opts: HealthServerOptions) {}

  /** Listens (unless port is 0); resolves to the bound port, or 0 when off. */
  async start(): Promise<number> {
    if (this.opts.port === 0) return 0;
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" || (path !== "/healthz" && path !== "/health")) {
        res.writeHead(404, { "content-type": "application/json; charset=utf-8" }).end('{"error":"not found"}');
        return;
      }
      let status: HealthStatus;
      try {
        status = this.opts.status();
      } catch (err) {
        res.writeHead(503, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ ok: false, error: String(err) }));
        return;
      }
      res.writeHead(status.ok ? 200 : 503, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(status));
    });
    this.server = server;
    const host = this.opts.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) => {
        this.server = undefined;
        reject(
          err.code === "EADDRINUSE" || err.code === "EACCES"
            ? new ConfigError(`配置有误：HEALTH_PORT ${this.opts.port} 无法使用（${err.code}），请换一个端口，或设为 0 关闭健康检查`)
            : err,
        );
      });
      server.listen(this.opts.port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
