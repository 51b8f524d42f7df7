import type { BurdenKind } from "../knowledge/grounds.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Scope } from "./scope.js";
import type { KnowledgeRetriever } from "../search/knowledge-retriever.js";
import { defineRule } from "./rules.js";
import type { ListDef, ListItem } from "../types.js";
import type { Clause } from "./clauses.js";
import { NEW_FORM, photoQuota, vetoInAssessment } from "./burden-context.js";
import { findCue, hasCue, type ScreenCues } from "./cues.js";

export type { BurdenKind } from "../knowledge/grounds.js";

/** One burden found in a clause. */
export interface BurdenHit {
  kind: BurdenKind;
  clause: Clause;
  /** The cue that showed it (for the reason). */
  cue: string;
  /** For certificates: the items of lists refusing them, best first. */
  certificates?: ListItem[];
  /** For a certificate off a closed may-issue list of the place: that list. */
  closedList?: ListDef;
}

// Undoing a burden is not imposing one: 摘牌, 撤牌, 清理牌子, 规范挂牌.
// 规范化建设 is a campaign's name, not a clean-up of plaques.
const REDUCING = /摘|撤|清理|清退|整合|规范(?!化)|精简|压减|减少|梳理/;
const MECHANISM_SETUP = /设立|设置|成立|组建|建立|挂牌/;
// Forms on the agreed list are no extra burden: 按年初下发的社区报表清单报送, 其他表格不再另行要求.
const AGREED_LIST = /按[^，,；;]{0,12}?(报表|表格)清单|清单内的?(报表|台账|表格)|不再另行要求/;
// A certificate a retained list keeps with the community: 按保留的证明清单…仍由社区出具.
// Residents sent to the office that issues it: 请直接到派出所户籍窗口办理.
const REFERRED = /(直接|自行)(去|到)[^，,；;]{0,10}?(派出所|公安|窗口|医院|法院|民政|人社|大厅)[^，,；;]{0,6}?(办理|开具|申请)/;
const RETAINED = /保留的?[^，,；;]{0,4}?清单|仍由社区[^，,；;]{0,8}?(出具|开具)/;

const LEDGER_VERBS = /建立|建好|完善|补齐|补全|整理|制作|填写|填报|报送|上报|提交|准备|装订|建|新增|单独报|另报|报一份|重新填|多填/;
const FORM = /表|台账|材料|数据|报表|信息|系统|平台/;
// Entering once is no burden ("只在一个系统里录一遍就行"); entering again is: 另外再在系统里录一遍.
const AGAIN = /(再|又|还要|另外|重新)[^，,；;]{0,8}?(录|填|报)(一遍|一次)/;
// Taking a picture (拍照, 合影) is no report by itself: that needs photoQuota (sent up, with a count).
const OFTEN_PHOTO = (t: string, c: ScreenCues) => hasCue(t, c.frequency) && hasCue(t.replace(/拍照|合影|合照/g, ""), c.photo);

/** Plaques and 制度上墙 (huanxian-2023 二(三)). */
function plaque(c: Clause, cues: ScreenCues): string | undefined {
  const cue = findCue(c.text, cues.plaque);
  if (!cue || REDUCING.test(c.text)) return undefined;
  return cue;
}

/** 专人专岗, 专职…员, and new working mechanisms (huanxian-2023 二(三)). */
function post(c: Clause, cues: ScreenCues): string | undefined {
  const t = c.text;
  if (REDUCING.test(t)) return undefined;
  if (t.includes("专人专岗") || t.includes("专岗")) return "专人专岗";
  // Keeping a person to one job is the 专岗 demand in other words: 专职专用, 不得兼任其他工作.
  if (/专职专用|专人专用|不得兼(任|职)/.test(t)) return "专人专岗";
  const cue = findCue(t, cues.post);
  if (!cue) return undefined;
  // A post is set up when the verb comes before it (配一名专干); 禁毒专干说 names a person.
  if (/专职|专干|工作专班/.test(cue)) return hasCue(t.slice(0, Math.max(0, t.indexOf(cue))), cues.setup_verbs) ? cue : undefined;
  return MECHANISM_SETUP.test(t) ? cue : undefined;
}

// A ledger the superior comes to look at is no new one: "督查组到社区看台账".
const INSPECTED_LEDGER = /(检查组|督查组|考核组|暗访组|验收组|上级|区里|街道)[^，,；;]{0,8}?(看|查|检查|抽查|翻|调阅)[^，,；;]{0,2}?台账/g;

/** 台账, daily photos, 打卡, paper-and-electronic copies (huanxian-2023 二(四)). */
function ledger(c: Clause, cues: ScreenCues): string | undefined {
  const t = c.text.replace(INSPECTED_LEDGER, "");
  if (REDUCING.test(t) || AGREED_LIST.test(t)) return undefined;
  const added = NEW_FORM.exec(t);
  if (added) return added[0];
  const l = findCue(t, cues.ledger);
  if (l && LEDGER_VERBS.test(t)) return l;
  if (OFTEN_PHOTO(t, cues)) return findCue(t.replace(/拍照|合影|合照/g, ""), cues.photo);
  // The same form sent to several offices, or typed again into a system: 各报各的, 再在系统里录一遍.
  const dup = findCue(t, cues.duplicate);
  if (dup && FORM.test(t) && (!/^(录|填|报)一遍$/.test(dup) || AGAIN.test(t))) return dup;
  const copies = findCue(t, cues.copies);
  if (copies && /各|和|及|与|、|一式|装订/.test(t)) return copies;
  if (/打卡|签到/.test(t) && (hasCue(t, cues.frequency) || /定位|上下班|到岗/.test(t))) return "打卡";
  return undefined;
}

/** App, 公众号 or account quotas: the app and the verb in one clause, the number nearby (xishan-2020-41). */
function app(clauses: Clause[], i: number, cues: ScreenCues): string | undefined {
  const t = clauses[i].text;
  const a = findCue(t, cues.app);
  if (!a || !hasCue(t, cues.app_verbs)) return undefined;
  const near = clauses.slice(i, i + 3).map((c) => c.text).join("，");
  // Promotion residents take up of their own accord sets no quota.
  if (/自愿/.test(near)) return undefined;
  const numeric = /\d+\s*(人|户|个|名|件|单|%|％)|百分之|\d+\s*(以上|以内)/.test(near);
  return hasCue(near, cues.quota) || numeric ? a : undefined;
}

const allowedHere = defineRule("burden.certificate-allowed", "要开的证明在本地可以出具的证明清单上，不是负担", (items: ListItem[]) =>
  items.length ? { span: items[0].text, detail: items[0].id } : null,
);
const offClosedList = defineRule("burden.certificate-off-closed-list", "本地可出具证明的清单是封闭的，清单外的证明不得要求社区出具", (list: ListDef | undefined) =>
  list ? { span: list.closure ?? list.name, detail: list.id } : null,
);

/**
 * Certificates a list of the place refuses (or, without legal basis, mapped to the closest item);
 * where the place's may-issue list is closed, any certificate off it.
 */
function certificate(c: Clause, cues: ScreenCues, retriever: KnowledgeRetriever, kb: KnowledgeBase): Pick<BurdenHit, "certificates" | "closedList"> | undefined {
  const t = c.text;
  if (!hasCue(t, cues.certificate)) return undefined;
  if (!hasCue(t, cues.certificate_verbs) && !/开|出/.test(t)) return undefined;
  // A certificate a retained list still leaves to the community (经济困难证明 in Guandu) is no burden.
  if (RETAINED.test(t) || REFERRED.test(t)) return undefined;
  const analysis = retriever.analyze(t);
  const named = [...analysis.taskHits.keys()].map((id) => kb.item(id)).filter((x): x is ListItem => !!x);
  if (allowedHere.holds(named.filter((it) => it.list === "certificate"))) return undefined;
  const refused = (id: string) => kb.item(id)?.list === "no-certificate";
  const hits = retriever
    .searchAnalyzed(analysis, { limit: 5, kinds: ["item"] })
    .filter((h) => refused(h.id) && (named.some((it) => it.id === h.id) || h.score >= 18));
  const ids = [...new Set([...hits.map((h) => h.id), ...named.filter((it) => refused(it.id)).map((it) => it.id)])].slice(0, 3);
  const items = ids.map((id) => kb.item(id)).filter((x): x is ListItem => !!x);
  const closed = retriever.scope.closedCertificateLists[0];
  if (offClosedList.holds(closed)) return { certificates: items, closedList: closed };
  return items.length > 0 ? { certificates: items } : undefined;
}

/** Looks for each burden kind in one clause; the first found, in order of how specific it is. */
export function findBurden(
  clauses: Clause[],
  i: number,
  cues: ScreenCues,
  retriever: KnowledgeRetriever,
  kb: KnowledgeBase,
): BurdenHit | null {
  const c = clauses[i];
  const cert = certificate(c, cues, retriever, kb);
  if (cert) return { kind: "certificate", clause: c, cue: cert.certificates?.[0]?.text ?? "证明", ...cert };
  // 一票否决 in assessing communities (huanxian-2023 二(二)), not in everyday speech.
  const v = vetoInAssessment(clauses, i, cues);
  if (v) return { kind: "veto", clause: c, cue: v };
  const a = app(clauses, i, cues);
  if (a) return { kind: "app", clause: c, cue: a };
  const p = post(c, cues);
  if (p) return { kind: "post", clause: c, cue: p };
  const q = plaque(c, cues);
  if (q) return { kind: "plaque", clause: c, cue: q };
  const l = ledger(c, cues);
  if (l) return { kind: "ledger", clause: c, cue: l };
  const ph = REDUCING.test(c.text) ? undefined : photoQuota(clauses, i, cues);
  if (ph) return { kind: "ledger", clause: c, cue: ph };
  return null;
}

/**
 * The passages that forbid a burden (knowledge/grounds.yaml): those of this place's documents
 * and the national ones first, then other places' as reference.
 */
export function groundsFor(kb: KnowledgeBase, scope: Scope, kind: BurdenKind): string[] {
  const ps = kb.grounds.get(kind)?.passages ?? [];
  const here = (slug: string) => scope.relatesToDoc(kb.doc(slug)!);
  return [...ps.filter((p) => here(p.slug)), ...ps.filter((p) => !here(p.slug))].map((p) => p.id);
}

/**
 * Citations for a burden: a closed list's closing words first (it is the place's own rule), then
 * the certificate items that refuse it, then the passages that forbid the kind of burden.
 */
export function burdenCitations(hit: BurdenHit, kb: KnowledgeBase, scope: Scope): string[] {
  const closed = hit.closedList;
  const closure = closed && kb.doc(closed.source)?.passages.find((p) => closed.closure && p.text.includes(closed.closure));
  const head = closed ? [closure?.id ?? `doc/${closed.source}`, closed.items[0].id] : [];
  return [...new Set([...head, ...(hit.certificates ?? []).map((it) => it.id), ...groundsFor(kb, scope, hit.kind)])];
}
