import { parseArgs } from "node:util";
import { citationLabel } from "../../src/knowledge/labels.js";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";

const search: CliCommand = {
  name: "search",
  summary: "按关键词搜索清单条目和文件段落",
  usage: 'search "关键词" [--limit 8] [--json]',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      options: { limit: { type: "string", default: "8" }, json: { type: "boolean", default: false } },
    });
    const query = positionals.join(" ").trim();
    if (!query) throw new UserError('请给出关键词，例如：search "证明"');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UserError("--limit 应为 1 到 100 的整数");
    const hits = (await ctx.engine()).search(query, limit);
    if (values.json) {
      ctx.stdout.write(JSON.stringify(hits.map((h) => ({ id: h.id, score: Math.round(h.score * 100) / 100 }))) + "\n");
      return 0;
    }
    if (hits.length === 0) ctx.stdout.write(`没有找到与“${query}”相关的内容。\n`);
    for (const h of hits) {
      const line = h.entry.kind === "item" ? `${citationLabel(h.entry.item)}：${h.entry.item.text}` : `${h.entry.doc.title}：${h.entry.passage.text.slice(0, 80)}…`;
      ctx.stdout.write(`${h.id}  ${line}\n`);
    }
    return 0;
  },
};

export default search;
