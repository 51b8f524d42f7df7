import { defineRule } from "../policy/rules.js";

/*
 * A follow-up about the previous answer keeps its topic: it asks why, on what basis, whether
 * money or calling it 协助 changes anything, what the community may do instead, how to reply to
 * the street, or to see the whole text. One that names another task is about that task.
 */

/** What a follow-up about the previous answer asks for. */
export type FollowupPoint = "why" | "basis" | "paid" | "disguise" | "alternatives" | "reply" | "where" | "detail";

const POINTS: Array<[FollowupPoint, RegExp]> = [
  ["reply", /(怎么|如何|咋|怎样)[^，,。？?]{0,6}?(回复|回绝|回|答复|拒绝|推掉|推辞|说|解释|交代)|回复模板|话术/],
  ["where", /(去|到)(哪儿|哪里|哪|哪个部门|什么地方)(办|开|弄|找)|找谁(办|开|弄)?|该找谁|谁来(办|开)|哪里能(开|办)/],
  ["paid", /给钱|付费|出钱|经费|补贴|报酬|花钱买|购买服务|按件付|付钱|给点钱|发钱|劳务费|工钱|酬劳|辛苦费/],
  ["disguise", /(说|叫|算|写|名义|挂着)[^，,。？?]{0,6}(协助|配合|帮忙)|协助也不行|配合也不行|只是协助|只是配合/],
  ["alternatives", /(我们|社区|咱们?)?(能|可以|该|应该)(做|干|帮)(点)?(什么|啥|些什么)|能做什么|可以做什么|能干啥|该干啥|那(我们|社区)?怎么办/],
  ["basis", /依据|根据(是)?(什么|啥)|哪个文件|哪份文件|哪条规定|哪里规定|出处|有文件|文件(上|里)?(怎么|咋)(说|写)|法律(规定|依据)|哪条法/],
  ["detail", /^(详细|详情|原文|全文|展开|具体内容|条文)|原文(怎么|咋)?(写|说)/],
  ["why", /^(为什么|为啥|为何|凭什么|凭啥|咋就|怎么就|何以)|为什么(不行|不能|不该|不归|要)|啥原因|什么原因|理由是?(什么|啥)/],
];

const point = defineRule("followup.about-previous-answer", "追问上一个答复：为什么、依据、给钱行不行、能做什么、怎么回复、看原文", (text: string) => {
  const t = text.replace(/\s+/g, "");
  for (const [kind, re] of POINTS) {
    const m = re.exec(t);
    if (m) return { span: m[0], detail: kind };
  }
  return null;
});

/** The point a follow-up asks about the previous answer, or undefined when it asks none. */
export function followupPoint(text: string): FollowupPoint | undefined {
  return point.fires(text)?.detail as FollowupPoint | undefined;
}
