import { parseArgs } from "node:util";
import { importList } from "../../src/knowledge/import-list.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import { UserError } from "../../src/errors.js";
import type { ListKind } from "../../src/types.js";
import type { CliCommand, CliContext } from "./command.js";

const KINDS: ListKind[] = ["duty", "assist", "negative", "no-certificate", "certificate", "cancelled"];

const USAGE = [
  "kb validate [目录]                      校验清单、来源和词表",
  "kb import 文件 --set 清单集 --region 地区 [--list 类别]   导入一个地方的清单（格式同 shared/sources/regions）",
  "kb regions [地区 …]                     列出每个已知地方受哪些清单约束",
].join("\n  ");

/** `kb validate`: loads and checks everything; every item's text must stand in its source. */
function validate(ctx: CliContext, dir: string): number {
  // Throws KnowledgeError naming the file and item; the dispatcher prints it and exits 1.
  const loaded = loadKnowledgeBase(dir);
  const missing = loaded.items.filter((it) => !loaded.doc(it.source)?.text.includes(it.text));
  for (const it of missing) ctx.stderr.write(`条目 ${it.id} 的文字在来源 ${it.source} 中找不到（转录有误？）\n`);
  const counts = loaded.lists.map((l) => `${l.id} ${l.items.length} 项`).join("，");
  const uncovered = loaded.items.filter((it) => it.covers.length === 0).map((it) => it.id);
  ctx.stdout.write(`知识库有效：${counts}；来源 ${loaded.docs.length} 份，段落 ${loaded.passages.length} 段；内容哈希 ${loaded.hash}\n`);
  if (uncovered.length) ctx.stdout.write(`未对应概念的条目（按原文检索）：${uncovered.join("、")}\n`);
  return missing.length ? 1 : 0;
}

/** `kb import`: writes the list set and its source, prints what it made and the concepts proposed. */
function importFile(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { set: { type: "string" }, region: { type: "string" }, list: { type: "string" } } });
  const [file] = positionals;
  if (!file || !values.set || !values.region) throw new UserError("用法：kb import 文件 --set 清单集 --region 地区 [--list 类别]");
  if (values.list && !KINDS.includes(values.list as ListKind)) throw new UserError(`--list 应为 ${KINDS.join("、")} 之一`);
  const kb = loadKnowledgeBase(ctx.config.KNOWLEDGE_DIR);
  const report = importList(kb, { file, set: values.set, region: values.region, kind: values.list as ListKind | undefined, knowledgeDir: ctx.config.KNOWLEDGE_DIR });
  const out = [`已导入 ${report.set}（${report.region}），来源 doc/${report.slug}：`];
  for (const l of report.lists) {
    out.push(`  ${l.id}：${l.name}，${l.items.length} 项${l.closure ? `；封闭清单（${l.closure}）` : ""}`);
    for (const it of l.items) {
      const covers = it.proposals.length ? it.proposals.map((p) => `${p.concept}（${p.label}；${p.why}）`).join("、") : "未找到对应概念，按条目原文检索";
      out.push(`    ${it.id} ${it.text}\n      建议概念：${covers}`);
    }
  }
  out.push(`请复核 ${ctx.config.KNOWLEDGE_DIR}/lists/${report.set}.yaml 里的 covers，改动后运行 kb validate。`);
  ctx.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

/** One line per place: the lists that bind it, most specific first. */
function regionLines(kb: KnowledgeBase, regions: string[]): string[] {
  return regions.map((r) => {
    const scope = kb.scope(r);
    const lists = scope.lists.map((l) => `${l.id}（${l.region}·${l.short}${l.closure ? "·封闭" : ""}）`).join("、");
    return `${scope.label}：${lists || "只有全国性规定"}`;
  });
}

/** `kb regions`: what binds each place that has lists, or the places asked about. */
function regions(ctx: CliContext, asked: string[]): number {
  const kb = loadKnowledgeBase(ctx.config.KNOWLEDGE_DIR);
  const places = asked.length ? asked : [...new Set(kb.lists.map((l) => l.region))];
  ctx.stdout.write(`${regionLines(kb, places).join("\n")}\n`);
  return 0;
}

const kb: CliCommand = {
  name: "kb",
  summary: "知识库：validate 校验；import 导入一个地方的清单；regions 查看各地受哪些清单约束",
  usage: USAGE,
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === "validate") return validate(ctx, rest[0] ?? ctx.config.KNOWLEDGE_DIR);
    if (sub === "import") return importFile(ctx, rest);
    if (sub === "regions") return regions(ctx, rest);
    throw new UserError(`用法：\n  ${USAGE}`);
  },
};

export default kb;
