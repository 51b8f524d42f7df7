import type { Llm } from "../llm/client.js";
import { checkLlmAnswer, DEFAULT_OVERRIDE_BELOW, llmAnswerSchema } from "../llm/answer-check.js";
import { citationLabel, mergeEvidence, renderEvidence } from "../llm/evidence.js";
import { VERDICT_LABEL } from "../knowledge/labels.js";
import { looksLikeInjection } from "../llm/injection.js";
import { fenceUserText, formatPrompt, loadPrompt } from "../llm/prompts.js";
import type { Logger } from "../logger.js";
import type { SearchHit } from "../search/types.js";
import type { AskResult, KnowledgeEntry } from "../types.js";
import type { BaseMessage } from "@langchain/core/messages";

/** How many retrieved entries the model sees (and may cite). */
export const LLM_MAX_EVIDENCE = 8;
/** Confidence given to a verdict the model changed (offline was unsure, see DEFAULT_OVERRIDE_BELOW). */
export const LLM_OVERRIDE_CONFIDENCE = 0.6;

export interface ComposeInput {
  llm: Llm;
  question: string;
  /** The asker's previous question, for follow-ups. */
  previous?: string;
  /** Retrieval results, best first. */
  hits: SearchHit[];
  /**
   * Resolves ids (KnowledgeBase.get). When given, the offline citations are shown first even if
   * not among `hits`; the model sees, and may cite, at most LLM_MAX_EVIDENCE entries.
   */
  getEntry?: (id: string) => KnowledgeEntry | undefined;
  /** The offline answer: the hint given to the model and the fallback. */
  offline: AskResult;
  logger: Logger;
  /** Offline confidence below which the model may change the verdict. */
  overrideBelow?: number;
}

type EvidenceInput = Pick<ComposeInput, "question" | "previous" | "hits" | "offline" | "getEntry">;

/** The entries the model sees and may cite. */
function shownEvidence(input: EvidenceInput): SearchHit[] {
  return mergeEvidence(input.offline.citations, input.hits, input.getEntry, LLM_MAX_EVIDENCE);
}

export type ComposeOutcome = { ok: true; result: AskResult } | { ok: false; reason: string };

/** The values the answer prompt is filled with; exported so a test can hold them to the template. */
export function answerPromptValues(input: EvidenceInput): Record<string, string> {
  const { offline } = input;
  const cites = offline.citations.slice(0, 3).join("、") || "无";
  return {
    question: fenceUserText(input.question, "question"),
    previous: input.previous ? fenceUserText(input.previous, "question") : "无",
    items: renderEvidence(shownEvidence(input)),
    offline: `${offline.verdict}（${VERDICT_LABEL[offline.verdict]}），依据 ${cites}`,
  };
}

/** Builds the chat messages for an answer. */
export function buildAnswerMessages(input: EvidenceInput): Promise<BaseMessage[]> {
  return formatPrompt(loadPrompt("answer"), answerPromptValues(input));
}

/**
 * Asks the model for the answer and checks it; on any problem says why instead of throwing.
 * Never produces a citation that is not among the entries shown to the model.
 */
export async function tryComposeWithLlm(input: ComposeInput): Promise<ComposeOutcome> {
  const { llm, offline } = input;
  if (looksLikeInjection(input.question) || (input.previous && looksLikeInjection(input.previous))) {
    return { ok: false, reason: "question looks like a prompt injection" };
  }
  const shown = shownEvidence(input);
  if (shown.length === 0) return { ok: false, reason: "nothing retrieved to answer from" };
  let reply;
  try {
    reply = await llm.chatJson(await buildAnswerMessages(input), llmAnswerSchema);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const check = checkLlmAnswer(reply, shown, offline, input.overrideBelow ?? DEFAULT_OVERRIDE_BELOW);
  if (!check.ok) return check;
  const { verdict, citations, answer } = check.answer;
  const entries = new Map(shown.map((h) => [h.id, h.entry]));
  return {
    ok: true,
    result: {
      verdict,
      citations,
      answer: renderReply(verdict, answer, citations.map((id) => citationLabel(id, entries.get(id)))),
      confidence: verdict === offline.verdict ? offline.confidence : LLM_OVERRIDE_CONFIDENCE,
      composer: "llm",
    },
  };
}

/**
 * The answer written by the model from the retrieved entries, or `offline` unchanged (and the
 * reason logged) when the model fails, is slow, or returns anything the checks refuse.
 */
export async function composeWithLlm(input: ComposeInput): Promise<AskResult> {
  const outcome = await tryComposeWithLlm(input);
  if (outcome.ok) {
    input.logger.debug({ verdict: outcome.result.verdict, citations: outcome.result.citations }, "LLM answer accepted");
    return outcome.result;
  }
  input.logger.warn({ reason: outcome.reason }, "LLM answer not used; sending the offline answer");
  return input.offline;
}

/** Headline from the checked verdict, the model's text, then citations rendered from our own data. */
function renderReply(verdict: AskResult["verdict"], text: string, labels: string[]): string {
  const lines = [`【${VERDICT_LABEL[verdict]}】`, text.trim()];
  if (labels.length) lines.push("", "依据：", ...labels.map((l, i) => `[${i + 1}] ${l}`));
  return lines.join("\n");
}
