/** Error types. A UserError carries the Chinese message a user may see; everything else is logged. */

export class JianfuError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Something the user did or asked that we refuse, with a message for them. */
export class UserError extends JianfuError {
  constructor(readonly userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
  }
}

/** Configuration is invalid; the message names the variable. */
export class ConfigError extends JianfuError {}

/** The knowledge base failed validation; the message names the file and item. */
export class KnowledgeError extends JianfuError {}

/** A platform refused or failed a call (HTTP status, API error). */
export class PlatformError extends JianfuError {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The LLM call failed, timed out or returned something unusable. */
export class LlmError extends JianfuError {}

export const APOLOGY = "抱歉，处理这条消息时出了点问题，已记录，请稍后再试。";

/** What the user sees for an error. */
export function userMessageFor(err: unknown): string {
  return err instanceof UserError ? err.userMessage : APOLOGY;
}
