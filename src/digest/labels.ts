import type { FlagStatus } from "../store/store.js";
import type { FlagCategory } from "../types.js";

export const CATEGORY_LABELS: Record<FlagCategory, string> = {
  negative: "负面清单事项",
  burden: "违规加重负担",
};

export const STATUS_LABELS: Record<FlagStatus, string> = {
  new: "待处理",
  confirmed: "已确认",
  dismissed: "误报",
};

export const EMPTY_DIGEST_TEXT = "本期没有新的标记";

export const DEFAULT_DIGEST_TITLE = "减负助手督导汇总";

/** The reply a supervisor sends to act on a flag, with a real id as the example. */
export function commandHint(exampleId: number | undefined): string {
  const id = exampleId ?? 12;
  return `回复「确认 ${id}」或「误报 ${id} 原因」处理`;
}

/** 0.934 → "93%". */
export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
