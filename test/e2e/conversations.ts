/** Multi-turn conversations the e2e tests play on every channel, with what each reply must say. */

/** (a) A question, then why, how to reply, the details, and the source passage they cite. */
export const GAS_CONVERSATION: Array<{ say: string; expect: string[] }> = [
  { say: "街道让我们查商铺燃气，这是社区的事吗？", expect: ["不属于社区职责", "负面清单第7类", "gansu/negative/7"] },
  { say: "为什么？", expect: ["非责任主体", "不具有主体资格和专业资质"] },
  { say: "那我们怎么回复街道？", expect: ["可以这样回复", "属于甘肃省负面清单第7类"] },
  { say: "详细", expect: ["列入原因：非责任主体", "doc/huanxian-2023#p130"] },
  { say: "doc/huanxian-2023#p130", expect: ["第 130 段", "“辖区电梯、锅炉等特种设备安全检查"] },
];

/** (b) After a supervisor's `地区 云南省昆明市西山区`, a question cites the national list that binds there. */
export const YUNNAN_REGION = "云南省昆明市西山区";
export const DEMOLITION = "街道让我们牵头拆违建，这是社区的事吗？";

/** (c) What `为什么 N` says about the push in test/e2e/support.ts. */
export const WHY_PUSH = ["为什么被标记", "原文：“各社区", "怎么派的：", "事项：电梯、锅炉等特种设备安全检查", "甘肃省负面清单第7类"];

/** Asserts each fragment appears in `text`, in order. */
export function inOrder(text: string, fragments: string[]): void {
  let at = 0;
  for (const f of fragments) {
    const i = text.indexOf(f, at);
    if (i < 0) throw new Error(`“${f}” not found after position ${at} in:\n${text}`);
    at = i + f.length;
  }
}
