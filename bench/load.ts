/**
 * The compiled bot under load, as the probe drives it: DingTalk callbacks at a steady rate from
 * the fake gateway on 127.0.0.1 (questions @ the bot, pushes, chit-chat across groups), while
 * /healthz is polled. Reports RSS (sampled from /proc), health latency, what was acked, flagged
 * and answered, and how long SIGTERM takes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startFakeDingtalkGateway } from "../test/support/dingtalk-gateway.js";

const root = new URL("..", import.meta.url).pathname;
const fixture = JSON.parse(readFileSync(join(root, "test/fixtures/dingtalk/group-at-message.json"), "utf8"));
const QUESTIONS = ["街道让我们查辖区商铺的燃气，这是社区的事吗？", "拆违归社区吗？", "社区要给居民开无犯罪记录证明吗？", "第7项"];
const PUSH = "各社区：请于本周五前完成辖区内所有商铺、电梯和锅炉的安全检查，检查结果报街道安监办。";

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

export async function benchLoad(print: (line?: string) => void, perSecond = 500, seconds = 30): Promise<void> {
  const gateway = await startFakeDingtalkGateway();
  const data = mkdtempSync(join(tmpdir(), "jianfu-bench-load-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ["dist/bot/main.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      ENV_FILE: "",
      DATA_DIR: data,
      HEALTH_PORT: String(port),
      LOG_LEVEL: "warn",
      DINGTALK_CLIENT_ID: "dingbench",
      DINGTALK_CLIENT_SECRET: "secret",
      DINGTALK_GATEWAY_URL: gateway.gatewayUrl,
      DINGTALK_API_BASE: gateway.base,
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  try {
    while (gateway.openSockets === 0) await new Promise((r) => setTimeout(r, 50));
    const now = Date.now();
    let sent = 0;
    const message = (i: number) => {
      const kind = i % 10;
      const text = kind < 5 ? QUESTIONS[i % QUESTIONS.length]! : kind < 8 ? `${PUSH}（${i}）` : "谢谢";
      return {
        ...fixture,
        msgId: `load-${i}`,
        conversationId: `cidGroup${i % 17}==`,
        createAt: now,
        isInAtList: kind < 5 || kind >= 8,
        sessionWebhook: gateway.webhookUrl(`g${i % 17}`),
        text: { content: ` ${text}` },
      };
    };
    let maxRss = 0;
    const healthMs: number[] = [];
    const sampler = setInterval(() => {
      maxRss = Math.max(maxRss, rssMb(child.pid!));
      const t = performance.now();
      fetch(`http://127.0.0.1:${port}/healthz`)
        .then(() => healthMs.push(performance.now() - t))
        .catch(() => healthMs.push(Infinity));
    }, 500);
    const start = performance.now();
    const tick = setInterval(() => {
      const due = Math.min(perSecond * seconds, Math.floor(((performance.now() - start) / 1000) * perSecond));
      while (sent < due) gateway.pushRobotMessage(message(sent++));
    }, 10);
    while (sent < perSecond * seconds) await new Promise((r) => setTimeout(r, 100));
    clearInterval(tick);
    const pushedIn = (performance.now() - start) / 1000;
    const deadline = performance.now() + 30_000;
    while (gateway.acks.length < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    clearInterval(sampler);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { flags: { pending: number }; replies: { queued: number } };
    const stopAt = performance.now();
    child.kill("SIGTERM");
    await new Promise((r) => child.once("close", r));
    const sorted = healthMs.filter(Number.isFinite).sort((a, b) => a - b);
    print(`${sent} callbacks in ${pushedIn.toFixed(1)} s (${perSecond}/s: half questions @ the bot, 30 % pushes, 20 % chit-chat, 17 groups)`);
    print(`acked ${gateway.acks.length}; flags pending ${health.flags.pending}; replies sent ${gateway.accepted.length}, still owed ${health.replies.queued} (20 per group per minute)`);
    print(`RSS max ${maxRss} MB; /healthz p50 ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms over ${healthMs.length} polls (${healthMs.length - sorted.length} failed)`);
    print(`SIGTERM → exit in ${Math.round(performance.now() - stopAt)} ms`);
  } finally {
    child.kill("SIGKILL");
    await gateway.close();
    if (process.env.BENCH_KEEP) console.log("kept", data);
    else rmSync(data, { recursive: true, force: true });
  }
}
