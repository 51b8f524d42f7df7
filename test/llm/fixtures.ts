/** Small hand-made knowledge entries and hits for the LLM tests. */
import type { SearchHit } from "../../src/search/types.js";
import type { AskResult, KnowledgeEntry, ListItem, ScreenResult, SourceDoc } from "../../src/types.js";

function item(list: "duty" | "negative", number: number, text: string, extra: Partial<ListItem> = {}): ListItem {
  const neg = list === "negative";
  return {
    id: `gansu/${list}/${number}`,
    set: "gansu",
    list,
    listName: neg ? "甘肃省不应由社区组织承担的事项指导清单(第一批)" : "甘肃省社区组织依法履行职责主要事项清单",
    listShort: neg ? "负面清单" : "履职清单",
    number,
    text,
    source: "huanxian-2023",
    verdict: list,
    covers: [],
    region: "甘肃省",
    ...extra,
  };
}

export const NEG_DEMOLITION = item("negative", 2, "鉴定违章搭建的建筑物,拆除违章建筑,对违法搭建进行罚没,组织拆除废弃的闲置厂房,认定危房等级,强制危房户搬迁等。", { type: "拆迁拆违类", reason: "非责任主体" });
export const NEG_CITY = item("negative", 4, "占道经营管理,整治市容市貌处罚乱扔行为,市政道路的清洁卫生、行道树的排危及道路沿线花木的养护,住宅小区、居民自建房安全隐患排查整治等。", { type: "城市管理类", reason: "非责任主体" });
export const DUTY_REPORT = item("duty", 17, "向当地人民政府或有关部门报告所在区域内的生产经营单位存在事故隐患或者安全生产违法行为。", { basis: "《中华人民共和国安全生产法》第七十五条" });
export const DUTY_DISPUTE = item("duty", 4, "调解民间纠纷。", { basis: "《中华人民共和国城市居民委员会组织法》第三条" });

export const PASSAGE: KnowledgeEntry = {
  kind: "passage",
  passage: { id: "doc/huanxian-2023#p3", slug: "huanxian-2023", anchor: "p3", text: "严格落实社区工作事项准入制度，未经批准不得将工作任务转嫁给社区。" },
  // A cast, not a literal: SourceDoc is gaining fields (aliases) while this is written.
  doc: { slug: "huanxian-2023", title: "环县社区工作清单", issuer: "环县", date: "2023", number: "", aliases: [],
    region: "甘肃省", text: "", passages: [] } as SourceDoc,
};

export const ALL_ITEMS = [NEG_DEMOLITION, NEG_CITY, DUTY_REPORT, DUTY_DISPUTE];

/** Hits in the given order, scores decreasing. */
export function hitsOf(...entries: Array<ListItem | KnowledgeEntry>): SearchHit[] {
  return entries.map((e, i) => {
    const entry: KnowledgeEntry = "kind" in e ? e : { kind: "item", item: e };
    const id = entry.kind === "item" ? entry.item.id : entry.passage.id;
    return { id, score: 10 - i, entry };
  });
}

export function offlineAnswer(over: Partial<AskResult> = {}): AskResult {
  return {
    verdict: "negative",
    citations: [NEG_DEMOLITION.id, DUTY_REPORT.id],
    answer: "不属于社区职责 · 负面清单第2项（离线）",
    confidence: 0.9,
    composer: "offline",
    ...over,
  };
}

export function offlineScreen(over: Partial<ScreenResult> = {}): ScreenResult {
  return {
    flagged: true,
    category: "negative",
    citations: [NEG_DEMOLITION.id],
    confidence: 0.5,
    reason: "要求社区拆除违章建筑（离线）",
    ...over,
  };
}
