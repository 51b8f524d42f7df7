import type { Logger } from "../logger.js";
import type { Llm } from "./client.js";
import { formatPrompt, loadPrompt } from "./prompts.js";

/** The digest, already rendered as text by the digest module. */
export interface DigestSummaryInput {
  /** 时间范围, e.g. "2024-05-01 18:00 至 2024-05-02 18:00". */
  period: string;
  /** Counts by category, group and sender, one per line. */
  stats: string;
  /** Flagged messages, one per line with their ids. */
  flags: string;
}

/** The most flag text sent to the model; the digest itself still lists every flag. */
export const MAX_DIGEST_FLAG_CHARS = 6000;
const MAX_SUMMARY_CHARS = 600;

/** The values the digest prompt is filled with; exported so a test can hold them to the template. */
export function digestPromptValues(input: DigestSummaryInput): Record<string, string> {
  const flags = input.flags.length > MAX_DIGEST_FLAG_CHARS ? `${input.flags.slice(0, MAX_DIGEST_FLAG_CHARS)}\n……（其余略）` : input.flags;
  return { period: input.period, stats: input.stats || "无", flags: flags || "无" };
}

/**
 * A few sentences opening the supervisors' digest, or null (the digest goes out without one)
 * when the model fails or returns nothing usable. Plain text, at most 600 characters.
 */
export async function summarizeDigest(llm: Llm, input: DigestSummaryInput, logger?: Logger): Promise<string | null> {
  try {
    const text = (await llm.chat(await formatPrompt(loadPrompt("digest"), digestPromptValues(input))))
      .replace(/<think>[\s\S]*?<\/think>/gi, "")
      .trim();
    if (!text || text.startsWith("{")) throw new Error("empty or JSON summary");
    return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}…` : text;
  } catch (err) {
    logger?.warn({ reason: (err as Error).message }, "LLM digest summary not used");
    return null;
  }
}
