import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, readConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";

function problems(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("readConfig", () => {
  it("an empty variable is unset: its default applies (WECHATY_PUPPET= no longer fails)", () => {
    const c = readConfig({ WECHATY_PUPPET: "", LOG_LEVEL: "", HEALTH_PORT: " ", REMIND_IN_GROUP: "", DIGEST_CRON: "", OPENAI_BASE_URL: "" });
    expect(c).toMatchObject({ WECHATY_PUPPET: "wechaty-puppet-wechat4u", LOG_LEVEL: "info", HEALTH_PORT: 8080, REMIND_IN_GROUP: false, DIGEST_CRON: "0 18 * * *" });
    expect(c.healthPortExplicit).toBe(false);
    expect(c.channels).toEqual(["console"]);
    expect(c.llmEnabled).toBe(false);
  });

  it("config errors come in Chinese, all at once, each naming its variable", () => {
    const message = problems({
      LOG_LEVEL: "loud",
      HEALTH_PORT: "eighty",
      MAX_TEXT_LENGTH: "1.5",
      DINGTALK_GATEWAY_URL: "not a url",
      DIGEST_CRON: "every day",
      DIGEST_TARGETS: "dingtalk-cid123",
      CHANNELS: "telegram",
      DINGTALK_CLIENT_ID: "x",
    });
    for (const name of ["LOG_LEVEL", "HEALTH_PORT", "MAX_TEXT_LENGTH", "DINGTALK_GATEWAY_URL"]) expect(message).toContain(`${name}：`);
    expect(message).toContain("LOG_LEVEL：应为 fatal、error、warn、info、debug、trace、silent 之一");
    expect(message).toContain("HEALTH_PORT：应为数字");
    expect(message).toContain("MAX_TEXT_LENGTH：应为整数");
    expect(message).not.toMatch(/Invalid|expected|received/);
    // Cross-variable problems are reported together too, once the variables themselves are valid.
    const second = problems({ DIGEST_CRON: "every day", DIGEST_TARGETS: "dingtalk-cid123", CHANNELS: "telegram", DINGTALK_CLIENT_ID: "x" });
    for (const name of ["DIGEST_CRON：", "DIGEST_TARGETS：", "CHANNELS：", "DINGTALK_CLIENT_SECRET："]) expect(second).toContain(name);
  });

  it("a bad time zone is named", () => {
    expect(problems({ DIGEST_TIMEZONE: "Mars/Base" })).toContain("DIGEST_TIMEZONE：时区「Mars/Base」无效");
  });

  it("supervisors: per channel, bare for every channel, and on DingTalk with their organisation", () => {
    expect(readConfig({ SUPERVISORS: "dingtalk:ding123/boss,wechat:wxid_a,console:督导,zhang" }).SUPERVISORS).toEqual([
      { channel: "dingtalk", org: "ding123", id: "boss" },
      { channel: "wechat", id: "wxid_a" },
      { channel: "console", id: "督导" },
      { channel: "*", id: "zhang" },
    ]);
  });
});

describe(".env.example", () => {
  it("lists every variable the configuration reads, each under a comment (pairs may share one)", async () => {
    const { readFileSync } = await import("node:fs");
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8").split("\n");
    const assignment = /^(# ?)?[A-Z][A-Z0-9_]*=/;
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(30);
    for (const name of CONFIG_VARIABLES) {
      let i = example.findIndex((l) => new RegExp(`^(# ?)?${name}=`).test(l));
      expect(i, name).toBeGreaterThan(0);
      while (i > 0 && assignment.test(example[i - 1]!)) i--;
      expect(example[i - 1], name).toMatch(/^# \S/);
    }
  });
});
