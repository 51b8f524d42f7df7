import type { z } from "zod";

/** One zod issue as a Chinese line naming the variable, e.g. `LOG_LEVEL：应为 fatal、error … 之一`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? "?");
  return `${name}：${issueText(issue)}`;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int") return "应为整数";
      return issue.expected === "number" ? "应为数字" : `类型不对（应为 ${issue.expected}）`;
    case "invalid_value":
      return `应为 ${issue.values.map(String).join("、")} 之一`;
    case "invalid_format":
      return issue.format === "url" ? "应为完整的网址，如 https://example.com" : `格式不对（${issue.format}）`;
    case "too_small":
      return issue.origin === "string" ? "不能为空" : `不能小于 ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "string" ? `太长（最多 ${String(issue.maximum)} 个字符）` : `不能大于 ${String(issue.maximum)}`;
    case "not_multiple_of":
      return `应为 ${String(issue.divisor)} 的倍数`;
    case "custom":
      return issue.message;
    default:
      return "取值无效";
  }
}
