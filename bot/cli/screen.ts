import { parseArgs } from "node:util";
import { UserError } from "../../src/errors.js";
import { explainLines, traceJson } from "../../src/policy/explain.js";
import type { CliCommand } from "./command.js";
import { useLlm } from "./llm-flag.js";

const screen: CliCommand = {
  name: "screen",
  summary: "筛查一条群消息是否向社区派了不该派的任务",
  usage: 'screen "消息" [--region 地区] [--json] [--explain] [--llm] [--sender 发送人] [--group 群名]',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        llm: { type: "boolean", default: false },
        sender: { type: "string" },
        group: { type: "string" },
        region: { type: "string" },
      },
    });
    const text = positionals.join(" ").trim();
    if (!text) throw new UserError('请给出要筛查的消息，例如：screen "各社区周五前完成辖区商铺燃气检查"');
    const engine = await ctx.engine();
    const s = await engine.screen(text, { sender: values.sender, group: values.group, region: values.region, llm: useLlm(ctx, values.llm) });
    if (values.json) {
      const trace = values.explain ? { trace: traceJson(s.trace) } : {};
      ctx.stdout.write(JSON.stringify({ flagged: s.flagged, category: s.category, citations: s.citations, confidence: s.confidence, reason: s.reason, ...trace }) + "\n");
    } else {
      const head = s.flagged ? `⚠ 标记：${s.category === "negative" ? "负面清单事项" : "违规加重负担"}（置信度 ${s.confidence}）` : `未标记（置信度 ${s.confidence}）`;
      const explained = values.explain ? ["判断经过：", ...explainLines(s.trace, engine.kb)] : [];
      ctx.stdout.write([head, s.reason, ...(s.citations.length ? [`引用：${s.citations.join("、")}`] : []), ...explained].join("\n") + "\n");
    }
    return 0;
  },
};

export default screen;
