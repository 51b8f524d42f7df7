import { readFileSync } from "node:fs";
import type { Intake, MessageContext } from "../../bot/channels/channel.js";

/** Polls `predicate` until it holds; the test's own timeout is the limit. */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}

/** Resolves after ms (only for "nothing more happens" checks, never for speed). */
export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
}

/** A handler that records every context it is given and can run a reply. */
export function recorder(onMessage?: (ctx: MessageContext) => Promise<void>) {
  const calls: MessageContext[] = [];
  return {
    calls,
    handler: async (ctx: MessageContext): Promise<Intake> => {
      calls.push(ctx);
      await onMessage?.(ctx);
      return { answered: Promise.resolve() };
    },
  };
}
