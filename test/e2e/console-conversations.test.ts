import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { DEMOLITION, GAS_CONVERSATION, inOrder, WHY_PUSH, YUNNAN_REGION } from "./conversations.js";
import { consoleHarness } from "./harness.js";
import { PUSH } from "./support.js";

/** Conversations of several turns in the console, as a user types them into `tsx bot/main.ts`. */
const bot = consoleHarness();
const runBot = (lines: string[]) => bot.run(lines, { SUPERVISORS: "console:督导李" });

/** The bot's replies, one string each (a reply runs until the next printed line that starts with 【 or （). */
function replies(stdout: string): string[] {
  return stdout.split(/\n(?=【|（现在)/).filter((r) => r.startsWith("【减负助手】"));
}

describe("console conversations", () => {
  it("a worker's follow-ups, a supervisor's 为什么 on a flag, then 地区 and a question answered for 云南", async () => {
    const { code, stdout, stderr } = await runBot([
      ...GAS_CONVERSATION.map((t, i) => `张三: ${i === 2 ? "＠" : "@"}减负助手 ${t.say}`),
      `王主任: ${PUSH}`,
      "/as 督导李",
      "@减负助手 为什么 1",
      `@减负助手 地区 ${YUNNAN_REGION}`,
      `李四: @减负助手 ${DEMOLITION}`,
      "李四: @减负助手 地区",
      "李四: @减负助手 看看负面清单",
      "李四: @减负助手 第二项",
      "李四: @减负助手 地区 甘肃省",
    ]);
    expect(stderr).not.toMatch(/"level":(50|60)/);
    expect(code).toBe(0);
    const said = replies(stdout);
    expect(said).toHaveLength(GAS_CONVERSATION.length + 7);

    GAS_CONVERSATION.forEach((turn, i) => {
      expect(said[i]!.startsWith("【减负助手】@张三 ")).toBe(true);
      inOrder(said[i]!, turn.expect);
    });
    const [why, set, demolition, region, negative, second, refused] = said.slice(GAS_CONVERSATION.length);
    inOrder(why!, ["@督导李", ...WHY_PUSH]);
    expect(set).toContain(`已将本群地区设为：${YUNNAN_REGION}`);
    inOrder(demolition!, ["@李四", "不属于社区职责", "national/cancelled/2"]);
    expect(demolition).not.toContain("gansu/");
    inOrder(region!, [`本群地区：${YUNNAN_REGION}（来自本群设置`, "全国原则上取消的事项"]);
    expect(negative).toContain("原则上一律取消的社区工作事项");
    expect(negative).not.toContain("甘肃省");
    expect(second).toContain("（national/cancelled/2）");
    expect(refused).toContain("设置地区仅供督导使用");

    const store = openSqliteStore(`${bot.dir()}/jianfu.db`);
    try {
      expect(store.chatRegion("console", "group:console")).toMatchObject({ region: YUNNAN_REGION, setBy: "console:督导李" });
      expect(store.listFlags().map((f) => f.id)).toEqual([1]);
    } finally {
      store.close();
    }
  });
});
