import type { BurdenKind } from "../knowledge/grounds.js";
import { defineRule, patternRule } from "../policy/rules.js";
import type { ListDef, ListItem } from "../types.js";

/* The named rules of answering a question: what makes it community business, a fact question, a paper, a follow-up. */


export const communityBusiness = defineRule("ask.community-business", "问题与社区工作有关：说到社区、有人给社区派活、问文件或清单上的事", (why: string | false) => why || null);
export const infoQuestion = defineRule("ask.fact-question", "问的是文件、数字或规定本身，不是某件事归谁", (yes: boolean, list?: ListDef) => (yes ? { span: list?.name ?? "" } : null));
export const unlistedPaper = defineRule("ask.paper-on-no-list", "要社区开的证明不在任何证明清单上：清单外事项，须先经准入", (yes: boolean) => yes);
export const commercial = defineRule("ask.commercial", "企业、商家让社区推销、代办：不在清单上的商业事务", (yes: boolean) => yes);
const SMALL_TALK_REST = /[\s，,。.！!？?~～、…·]+|^(呀|啊|哈|呢|嘛|吧|的|了|您|你|我|大家)+$/g;
export const smallTalk = defineRule("ask.small-talk", "寒暄、致谢、问候或一句闲话，不是在问事", (norm: string, words: string[]) => {
  const hit = words.filter((w) => norm.includes(w)).sort((a, b) => b.length - a.length);
  let rest = norm;
  for (const w of hit) rest = rest.split(w).join("");
  rest = rest.replace(SMALL_TALK_REST, "");
  return (hit.length > 0 || !norm.trim()) && rest.length <= 1 ? { span: hit[0] ?? "" } : null;
});
/** A message of a few words, mostly the task's own words: a topic or fragment, not a sentence. */
export const bare = defineRule("ask.bare-topic", "只发了一个事项名或短语（“禁毒宣传”“协助征税？”），就是在问这件事", (norm: string, words: string[]) => {
  const text = norm.replace(/[\s，,。.！!？?~～、]/g, "");
  if (text.length > 12) return null;
  const covered = new Set<number>();
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) for (let k = 0; k < w.length; k++) covered.add(i + k);
  return covered.size >= 0.4 * text.length ? { span: text } : null;
});
export const procedure = patternRule(
  "ask.admission-procedure",
  "问的是准入制度本身怎么走：清单以外的事要谁批准、走什么程序",
  /(准入|清单(以外|之外)|清单外|进社区|进入社区|纳入社区|(往|给|向)社区派|派[^，,。？?]{0,4}新活|新增事项)[^？?。]{0,24}?(流程|程序|谁批|谁来批|批准|审批|怎么走|咋走|手续|谁说了算|谁点头)|准入[^？?。]{0,6}(制度|程序|流程)[^？?。]{0,8}(怎么|咋|什么|如何)/,
);
export const whetherListed = patternRule(
  "ask.whether-listed",
  "问某件事算不算、属不属于哪张清单：要的是对这件事的判断，不是文件里的事实",
  /(也算|还算|算不算|算是|属于|属不属于|是不是|在不在|归不归)[^，,。？?！!]{0,6}?(负面清单|履职清单|协助清单|清单)/,
);
export const topicChange = patternRule("followup.topic-change", "说“对了”“顺便问一下”：换了话题，不接着上一个问题", /^[\s，,]*(对了|顺便问|顺便说|另外问|另外想问|题外话|换个话题|换个事|换个问题|说个事|说个别的|问个别的|问个事)/);
export const ownPaper = defineRule("followup.names-own-paper", "追问里说出了另一种证明，按这份证明判断，不接着上一个问题", (yes: boolean) => yes);
export const leansOnPrevious = defineRule("followup.short-question", "对话里的短问句没有说出别的事，接着上一个问题理解", (norm: string, tasks: number) =>
  tasks === 0 && norm.replace(/[\s，,。.！!？?~～、]/g, "").length <= 16 ? { span: norm } : null,
);
export const barePaper = patternRule("paper.named-alone", "只说了一种证明的名字（后面可以再补一句情况），就是在问能不能开", /^[^，,。？?！!]{0,6}?[\u4e00-\u9fa5]{2,8}证明[呢吗]*([？?。！!\s]|$)/);
export const burdenOverTopic = defineRule("ask.burden-over-topic", "问题说的是给社区加负担（App指标、挂牌、台账、一票否决），按减负规定回答，不按它服务的事项", (burden: BurdenKind | undefined, negativeTask: boolean) =>
  burden && !negativeTask ? { span: burden } : null,
);
export const ownAction = defineRule("followup.names-own-action", "追问里有自己的动作（宣传、检查、调解……），是另一件事，不接着上一个问题", (yes: boolean) => yes);
export const noTask = defineRule("ask.no-task-named", "没有说出清单上的任何一件事", (yes: boolean) => yes);
export const twoSides = defineRule("ask.two-sides", "问题落在两张清单之间，要看具体做什么", (a?: ListItem, b?: ListItem) => (a && b ? { span: `${a.id} / ${b.id}` } : null));
export const localSupport = defineRule("scope.general-item-support", "地方清单已细化的全国性规定，作为依据附在后面", (items: ListItem[]) => (items.length ? { span: items.map((i) => i.id).join("、") } : null));

