import { parseArgs } from "node:util";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";
import { useLlm } from "./llm-flag.js";

const ask: CliCommand = {
  name: "ask",
  summary: "问一件事是不是社区的事，给出结论和引用",
  usage: 'ask "问题" [--region 地区] [--previous "之前问的" …] [--json] [--llm]',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        llm: { type: "boolean", default: false },
        previous: { type: "string", multiple: true },
        region: { type: "string" },
      },
    });
    const question = positionals.join(" ").trim();
    if (!question) throw new UserError('请给出问题，例如：ask "街道让我们查商铺燃气，这是社区的事吗？"');
    const engine = await ctx.engine();
    const r = await engine.ask(question, { llm: useLlm(ctx, values.llm), history: values.previous ?? [], region: values.region });
    ctx.stdout.write(values.json ? JSON.stringify({ verdict: r.verdict, citations: r.citations, answer: r.answer }) + "\n" : r.answer + "\n");
    return 0;
  },
};

export default ask;
