/**
 * Cues of a prompt-injection attempt in user text: asking the model to drop its rules, take
 * another role, or give a dictated conclusion. A hit only means the LLM's answer is not used;
 * the offline answer is still given, so a false positive costs nothing but fluency.
 */
const CUES: RegExp[] = [
  /(忽略|无视|忘记|忘掉|不要理会|不用管|跳过|绕过)(掉)?(你)?(以上|之前|上面|前面|先前|所有|全部|一切|系统)?的?(规则|指令|指示|提示|要求|设定|限制|约束|条目|清单)/,
  /ignore\s+(all\s+|any\s+)?(the\s+)?(previous|above|prior|earlier|system)\s+(instructions?|rules?|prompts?)/i,
  /(你现在是|你现在扮演|请扮演|假装你是|开发者模式|越狱|jailbreak|system\s*prompt|系统提示词)/i,
  /(直接|只|必须)(回答|输出|回复)[:：]/,
  /(回答|输出|回复)[:：]\s*社区(必须|应当|应该|要|负责)/,
  /(verdict|citations?)\s*["'：:=]/i,
];

/** True when the text looks like it tries to steer the model rather than ask a question. */
export function looksLikeInjection(text: string): boolean {
  const t = text.normalize("NFKC");
  return CUES.some((re) => re.test(t));
}
