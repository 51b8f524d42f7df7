import { z } from "zod";
import type { BaseMessage } from "@langchain/core/messages";
import type { Llm } from "../llm/client.js";
import { LlmError } from "../errors.js";
import { parseJsonReply } from "../llm/json.js";
import { mergeEvidence, renderEvidence } from "../llm/evidence.js";
import { fenceUserText, formatPrompt, loadPrompt } from "../llm/prompts.js";
import type { Logger } from "../logger.js";
import type { SearchHit } from "../search/types.js";
import type { FlagCategory, KnowledgeEntry, ScreenResult } from "../types.js";

/** The model's judgement of a message, checked against the candidates. */
export interface SecondOpinion {
  flagged: boolean;
  category: FlagCategory | null;
  reason: string;
  /** Candidate ids only; negative-list items first for `negative`. */
  citations: string[];
}

export interface SecondOpinionInput {
  llm: Llm;
  text: string;
  offline: ScreenResult;
  /** Entries the model may cite: the offline citations and the top retrieval hits for the message. */
  candidates: SearchHit[];
  /** LLM_SCREEN_BAND: only offline confidences within [lo, hi] are sent to the model. */
  band: readonly [number, number];
  sender?: string;
  group?: string;
  logger?: Logger;
}

const opinionSchema = z.object({
  flagged: z.boolean(),
  category: z.enum(["negative", "burden"]).nullable().optional(),
  citations: z.array(z.string().trim().min(1)).max(12).optional().default([]),
  reason: z.string().trim().min(1).max(500),
});

/** Candidates shown to the model (and citable). */
export const MAX_SCREEN_CANDIDATES = 8;
/** Confidence of a decision the model reversed: the offline call was unsure, so is this. */
export const FLIPPED_CONFIDENCE = 0.55;

/** True when an offline confidence is in the band that asks for a second opinion. */
export function inBand(confidence: number, band: readonly [number, number]): boolean {
  return confidence >= band[0] && confidence <= band[1];
}

/** The values the screen prompt is filled with; exported so a test can hold them to the template. */
export function screenPromptValues(input: Pick<SecondOpinionInput, "text" | "offline" | "candidates" | "sender" | "group">): Record<string, string> {
  const o = input.offline;
  const offline = o.flagged ? `标记（${o.category}），依据 ${o.citations.join("、") || "无"}：${o.reason}` : `不标记：${o.reason}`;
  return {
    message: fenceUserText(input.text, "message"),
    sender: input.sender?.trim() || "未知",
    group: input.group?.trim() || "未知",
    candidates: renderEvidence(input.candidates.slice(0, MAX_SCREEN_CANDIDATES)),
    offline,
  };
}

/** Builds the chat messages for a second opinion. */
export function buildScreenMessages(input: Pick<SecondOpinionInput, "text" | "offline" | "candidates" | "sender" | "group">): Promise<BaseMessage[]> {
  return formatPrompt(loadPrompt("screen"), screenPromptValues(input));
}

/**
 * Asks the model about a message whose offline confidence is within the band. Returns null when
 * out of band, or when the model fails or answers something unusable (invented citation, a
 * negative flag without a negative-list candidate); the reason is logged.
 */
export async function secondOpinion(input: SecondOpinionInput): Promise<SecondOpinion | null> {
  if (!inBand(input.offline.confidence, input.band)) return null;
  try {
    const reply = await input.llm.chat(await buildScreenMessages(input), { json: true });
    return parseOpinion(reply, input.candidates);
  } catch (err) {
    input.logger?.warn({ reason: (err as Error).message }, "LLM second opinion not used");
    return null;
  }
}

/** Parses and checks the model's reply against the candidates shown; throws LlmError if unusable. */
export function parseOpinion(reply: string, candidates: SearchHit[]): SecondOpinion {
  const checked = checkOpinion(parseJsonReply(reply, opinionSchema), candidates.slice(0, MAX_SCREEN_CANDIDATES));
  if (typeof checked === "string") throw new LlmError(checked);
  return checked;
}

function checkOpinion(reply: z.infer<typeof opinionSchema>, shown: SearchHit[]): SecondOpinion | string {
  const byId = new Map(shown.map((h) => [h.id, h.entry]));
  const citations = [...new Set(reply.citations)];
  const invented = citations.filter((id) => !byId.has(id));
  if (invented.length) return `citation not among candidates: ${invented.join(", ")}`;
  if (!reply.flagged) return { flagged: false, category: null, reason: reply.reason, citations: [] };
  const category = reply.category ?? (citations.some((id) => isNegative(byId.get(id))) ? "negative" : "burden");
  if (category === "negative") {
    const neg = citations.filter((id) => isNegative(byId.get(id)));
    if (!neg.length) return "negative flag without a negative-list candidate";
    return { flagged: true, category, reason: reply.reason, citations: [...neg, ...citations.filter((id) => !neg.includes(id))] };
  }
  return { flagged: true, category, reason: reply.reason, citations };
}

function isNegative(e: KnowledgeEntry | undefined): boolean {
  return e?.kind === "item" && e.item.verdict === "negative";
}

/**
 * The final screening result. Out of band: the offline result, untouched. In band: the model's
 * judgement is recorded in `llm` (null if it failed) and the decision follows it; agreeing
 * keeps the offline citations and raises the confidence, reversing takes the model's checked
 * citations and reason with FLIPPED_CONFIDENCE. Confidence is in the decision returned.
 */
export function applySecondOpinion(offline: ScreenResult, opinion: SecondOpinion | null, band: readonly [number, number]): ScreenResult {
  if (!inBand(offline.confidence, band)) return offline;
  if (!opinion) return { ...offline, llm: null };
  const llm = { flagged: opinion.flagged, category: opinion.category, reason: opinion.reason };
  const agrees = opinion.flagged === offline.flagged && opinion.category === offline.category;
  if (agrees) {
    return { ...offline, confidence: Math.round(Math.min(0.95, (offline.confidence + 1) / 2) * 100) / 100, llm };
  }
  return {
    flagged: opinion.flagged,
    category: opinion.category,
    citations: opinion.citations,
    confidence: FLIPPED_CONFIDENCE,
    reason: opinion.reason,
    llm,
  };
}

/**
 * Both steps in one: out of band returns `offline` without calling the model; in band asks it
 * and applies its opinion. Never throws for a model failure.
 */
export async function screenWithSecondOpinion(input: SecondOpinionInput): Promise<ScreenResult> {
  if (!inBand(input.offline.confidence, input.band)) return input.offline;
  return applySecondOpinion(input.offline, await secondOpinion(input), input.band);
}

/**
 * Candidates for a second opinion: the offline citations first (resolved with `getEntry`), then
 * retrieval hits for the message, without duplicates.
 */
export function screenCandidates(
  offline: ScreenResult,
  hits: SearchHit[],
  getEntry: (id: string) => KnowledgeEntry | undefined,
  limit = MAX_SCREEN_CANDIDATES,
): SearchHit[] {
  return mergeEvidence(offline.citations, hits, getEntry, limit);
}
