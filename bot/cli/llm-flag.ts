import type { CliContext } from "./command.js";

/** `--llm` asks for the model; says so on stderr when none is configured (the run stays offline). */
export function useLlm(ctx: CliContext, requested: boolean | undefined): boolean {
  if (requested && !ctx.config.llmEnabled) {
    ctx.stderr.write("提示：未配置大模型（OPENAI_BASE_URL、OPENAI_MODEL），按离线方式运行。\n");
  }
  return Boolean(requested && ctx.config.llmEnabled);
}
