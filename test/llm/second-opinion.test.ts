import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { applySecondOpinion, inBand, screenCandidates, screenWithSecondOpinion, secondOpinion } from "../../src/screen/second-opinion.js";
import { startOpenAiServer, type FakeOpenAiServer } from "../support/openai-server.js";
import { DUTY_REPORT, NEG_CITY, NEG_DEMOLITION, hitsOf, offlineScreen } from "./fixtures.js";
import { testLlm } from "./helpers.js";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

const band = [0.35, 0.75] as const;
const candidates = hitsOf(NEG_DEMOLITION, NEG_CITY, DUTY_REPORT);
const json = (o: object) => ({ content: JSON.stringify(o) });
const input = (over = {}) => ({
  llm: testLlm(server.url),
  text: "各社区：本周内把辖区违章搭建全部拆除，周五报结果。",
  offline: offlineScreen(),
  candidates,
  band,
  logger: silentLogger,
  ...over,
});

describe("second opinion", () => {
  it("is asked only within the band", async () => {
    server.reply(json({ flagged: false, category: null, citations: [], reason: "不是摊派" }));
    const before = server.chatRequests().length;
    for (const confidence of [0.2, 0.9, 0.34, 0.76]) {
      const offline = offlineScreen({ confidence });
      expect(await secondOpinion(input({ offline }))).toBeNull();
      expect(await screenWithSecondOpinion(input({ offline }))).toBe(offline);
    }
    expect(server.chatRequests().length).toBe(before);
    expect(inBand(0.35, band) && inBand(0.75, band)).toBe(true);
    expect(await secondOpinion(input({ offline: offlineScreen({ confidence: 0.5 }) }))).not.toBeNull();
    expect(server.chatRequests().length).toBe(before + 1);
  });

  it("agreement is recorded and keeps the offline citations", async () => {
    server.reply(json({ flagged: true, category: "negative", citations: [NEG_CITY.id, NEG_DEMOLITION.id], reason: "要求社区拆违" }));
    const r = await screenWithSecondOpinion(input());
    expect(r.flagged).toBe(true);
    expect(r.citations).toEqual([NEG_DEMOLITION.id]);
    expect(r.llm).toEqual({ flagged: true, category: "negative", reason: "要求社区拆违" });
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it("within the band the decision follows the model, citing candidates only", async () => {
    server.reply(json({ flagged: false, category: null, citations: [], reason: "部门通知自行开展拆违" }));
    const cleared = await screenWithSecondOpinion(input());
    expect(cleared).toMatchObject({ flagged: false, category: null, citations: [], reason: "部门通知自行开展拆违" });
    expect(cleared.llm?.flagged).toBe(false);

    const offline = offlineScreen({ flagged: false, category: null, citations: [], confidence: 0.65, reason: "未见明确指令" });
    server.reply(json({ flagged: true, category: "negative", citations: [DUTY_REPORT.id, NEG_CITY.id], reason: "要求社区整治占道经营" }));
    const flagged = await screenWithSecondOpinion(input({ offline }));
    expect(flagged).toMatchObject({ flagged: true, category: "negative", citations: [NEG_CITY.id, DUTY_REPORT.id] });
  });

  it("an invented citation, a negative flag without a negative item, or a failure is not used", async () => {
    const offline = offlineScreen();
    for (const script of [
      json({ flagged: true, category: "negative", citations: ["gansu/negative/99"], reason: "x" }),
      json({ flagged: true, category: "negative", citations: [DUTY_REPORT.id], reason: "x" }),
      json({ flagged: "yes", reason: "x" }),
      { status: 500 },
      { delayMs: 60_000 },
      { garbage: true },
    ]) {
      server.reply(script);
      const r = await screenWithSecondOpinion(input({ offline }));
      expect(r, JSON.stringify(script)).toEqual({ ...offline, llm: null });
    }
  });

  it("a burden flag may cite nothing", () => {
    const r = applySecondOpinion(offlineScreen({ flagged: false, category: null, citations: [], confidence: 0.6 }), { flagged: true, category: "burden", reason: "要求下载 App", citations: [] }, band);
    expect(r).toMatchObject({ flagged: true, category: "burden", citations: [] });
  });

  it("candidates put the offline citations first", () => {
    const get = (id: string) => candidates.find((h) => h.id === id)?.entry;
    const c = screenCandidates(offlineScreen({ citations: [NEG_CITY.id] }), candidates, get);
    expect(c.map((h) => h.id)).toEqual([NEG_CITY.id, NEG_DEMOLITION.id, DUTY_REPORT.id]);
  });
});
