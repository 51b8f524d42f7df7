import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem } from "../types.js";
import type { BurdenHit } from "../policy/burdens.js";
import type { Clause } from "../policy/clauses.js";
import { EXCLUSION_TEXT, type Exclusion } from "../policy/exclusions.js";
import { itemLabel, listLabel } from "../knowledge/labels.js";
import { alt, ORDER_WORDS } from "../policy/vocabulary.js";

const CN_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

// Strip the parts of a clause that are about who and when, leaving the task.
const LEAD = new RegExp(`^(?:[【\\[][^】\\]]*[】\\]])?\\s*(?:[^：:，,]{0,16}[：:])?\\s*(?:${alt(ORDER_WORDS, ["各位"])})?\\s*`);

/** The task of a clause in at most `max` characters, for quoting. */
export function quoteTask(text: string, max = 40): string {
  // Quote marks of a quoted message (「…」, “…”) would nest inside the quote.
  const unquoted = text.replace(/[「」“”"]/g, "");
  const t = unquoted.replace(LEAD, "").replace(/^[，,、\s]+/, "") || unquoted;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function where(clause: Clause): string {
  return clause.numbered && clause.index > 0 ? `通知第${CN_NUM[clause.index] ?? clause.index + 1}段` : "消息";
}

/** One sentence for a negative-list push. */
export function negativeReason(clause: Clause, addressee: string, item: ListItem, disguised: boolean): string {
  const how = disguised ? "名为协助配合，实为让社区" : "";
  return `${where(clause)}要求${addressee}${how}“${quoteTask(clause.text)}”，属${itemLabel(item)}，社区不是责任主体。`;
}

/** What the burden asks of the community, in a few words. */
const BURDEN_ASK: Record<BurdenHit["kind"], string> = {
  plaque: "要求社区新挂牌子或制度上墙",
  post: "要求社区设专人专岗或新设工作机制",
  app: "给社区下达App、公众号下载注册关注的数量指标",
  ledger: "要求社区另建台账、报照片或打卡",
  certificate: "要求社区出具证明",
  veto: "对社区工作实行“一票否决”",
};

/** One sentence for a burden: what it asks, and the rule it breaks (knowledge/grounds.yaml). */
export function burdenReason(hit: BurdenHit, kb: KnowledgeBase): string {
  const quote = `“${quoteTask(hit.clause.text, 30)}”`;
  if (hit.kind === "certificate" && hit.closedList) {
    const l = hit.closedList;
    return `${quote}要求社区出具证明，不在${l.region}社区可出具的证明清单（${l.items.length} 项）内；该清单是封闭的：“${l.closure ?? l.name}”。`;
  }
  if (hit.kind === "certificate" && hit.certificates?.length) {
    const it = hit.certificates[0];
    return `${quote}要求社区出具${it.text}，该证明在${listLabel({ region: it.region, short: it.listShort })}内（第${it.number}项）。`;
  }
  const rule = kb.grounds.get(hit.kind)?.rule;
  return `${quote}：${BURDEN_ASK[hit.kind]}${rule ? `，违反“${rule}”的规定` : ""}。`;
}

/** One sentence for a message that is not flagged. */
export function clearReason(exclusion: Exclusion | null, nearMiss?: ListItem): string {
  if (exclusion) {
    const about = nearMiss ? `涉及${itemLabel(nearMiss)}，但` : "";
    return `未标记：${about}${EXCLUSION_TEXT[exclusion]}。`;
  }
  if (nearMiss) return `未标记：提到${itemLabel(nearMiss)}的事，但没有向社区下达任务。`;
  return "未标记：没有向社区派发负面清单事项或其他负担。";
}
