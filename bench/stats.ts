import { performance } from "node:perf_hooks";

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Times fn over each input; returns per-call milliseconds sorted, and the total. */
export function timeEach<T>(inputs: T[], fn: (x: T) => unknown): { sorted: number[]; totalMs: number } {
  const times = new Array<number>(inputs.length);
  const start = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const t = performance.now();
    fn(inputs[i]);
    times[i] = performance.now() - t;
  }
  const totalMs = performance.now() - start;
  return { sorted: times.sort((a, b) => a - b), totalMs };
}

export const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

export const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
