import { describe, expect, it } from "vitest";
import { answerPromptValues } from "../../src/answer/llm-composer.js";
import { digestPromptValues } from "../../src/llm/digest.js";
import { formatPrompt, listPrompts, loadPrompt, parsePrompt } from "../../src/llm/prompts.js";
import { screenPromptValues } from "../../src/screen/second-opinion.js";
import { NEG_DEMOLITION, hitsOf, offlineAnswer, offlineScreen } from "./fixtures.js";

const hits = hitsOf(NEG_DEMOLITION);

describe("prompt templates", () => {
  it("has exactly the answer, screen and digest prompts", () => {
    expect(listPrompts().map((p) => p.name)).toEqual(["answer", "digest", "screen"]);
  });

  it("each template's variables are exactly those the code fills", () => {
    const filled = {
      answer: answerPromptValues({ question: "q", hits, offline: offlineAnswer() }),
      screen: screenPromptValues({ text: "m", offline: offlineScreen(), candidates: hits }),
      digest: digestPromptValues({ period: "p", stats: "s", flags: "f" }),
    };
    for (const [name, values] of Object.entries(filled)) {
      expect(loadPrompt(name).variables, name).toEqual(Object.keys(values).sort());
    }
  });

  it("states the grounding rules in the system part", async () => {
    const filled = {
      answer: answerPromptValues({ question: "q", hits, offline: offlineAnswer() }),
      screen: screenPromptValues({ text: "m", offline: offlineScreen(), candidates: hits }),
    };
    for (const [name, values] of Object.entries(filled)) {
      const [system] = await formatPrompt(loadPrompt(name), values);
      expect(system.getType()).toBe("system");
      const text = String(system.content);
      expect(text).toMatch(/只依据|只能使用/);
      expect(text).toMatch(/方括号里的 id/);
      expect(text).toMatch(/一律(不予理会|无效)/);
      expect(text).toContain("JSON");
    }
  });

  it("user text with braces is inserted literally", async () => {
    const values = answerPromptValues({ question: "{question} 这是社区的事吗？{{x}}", hits, offline: offlineAnswer() });
    const msgs = await formatPrompt(loadPrompt("answer"), values);
    expect(String(msgs[1].content)).toContain("{question} 这是社区的事吗？{{x}}");
  });

  it("refuses a wrong set of values and a malformed file", async () => {
    await expect(formatPrompt(loadPrompt("digest"), { period: "p", stats: "s" })).rejects.toThrow(/needs/);
    expect(() => parsePrompt("bad", "no sections")).toThrow(/## system/);
  });
});
