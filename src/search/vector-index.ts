import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import type { Embedder } from "./types.js";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** Bump when the on-disk layout changes: old files are then rebuilt. */
const FORMAT_VERSION = 1;
/** Embedding models cap their input; list items and passages are far shorter than this. */
const MAX_TEXT_CHARS = 2000;

/** Something to index: an item or passage id and the text to embed. */
export interface VectorEntry {
  id: string;
  text: string;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity, higher is nearer. */
  score: number;
}

/** What the JSON sidecar beside the index file records. */
export interface VectorSidecar {
  version: number;
  model: string;
  dimensions: number;
  /** The knowledge content hash the vectors were built from. */
  hash: string;
  ids: string[];
}

/** An HNSW (cosine) index over knowledge entries. */
export class VectorIndex {
  constructor(
    private readonly index: Hnsw,
    readonly meta: VectorSidecar,
    private readonly embedder?: Embedder,
    /** True when this process built it, false when it was loaded from disk. */
    readonly rebuilt = false,
  ) {}

  get size(): number {
    return this.meta.ids.length;
  }

  /** The `k` nearest entries to a vector, or to a query text (embedded with the index's embedder). */
  async search(query: number[] | string, k: number): Promise<VectorHit[]> {
    const n = Math.min(Math.max(0, Math.floor(k)), this.size);
    if (n === 0) return [];
    let vec: number[];
    if (typeof query === "string") {
      if (!this.embedder) throw new Error("VectorIndex.search(text) needs an embedder");
      [vec] = await this.embedder.embed([query]);
    } else vec = query;
    if (vec.length !== this.meta.dimensions) {
      throw new Error(`query vector has ${vec.length} dimensions, index has ${this.meta.dimensions}`);
    }
    this.index.setEf(Math.max(64, n));
    const { neighbors, distances } = this.index.searchKnn(vec, n);
    return neighbors.map((label, i) => ({ id: this.meta.ids[label], score: 1 - distances[i] }));
  }
}

export interface BuildOrLoadOptions {
  entries: VectorEntry[];
  embedder: Embedder;
  /** Directory for the files (DATA_DIR). */
  dir: string;
  /** Knowledge content hash (KnowledgeBase.hash). */
  hash: string;
  /** File name stem, default "vectors": <dir>/<name>.hnsw and <dir>/<name>.json. */
  name?: string;
  logger?: Logger;
}

/**
 * Loads the index from `dir` when its sidecar matches the hash, the embedding model and the ids;
 * otherwise embeds every entry, builds the index and saves it (index first, sidecar last, each
 * written to a temporary file and renamed, so a crash never leaves a sidecar for a missing index).
 */
export async function buildOrLoad(opts: BuildOrLoadOptions): Promise<VectorIndex> {
  const name = opts.name ?? "vectors";
  const indexPath = join(opts.dir, `${name}.hnsw`);
  const sidecarPath = join(opts.dir, `${name}.json`);
  const ids = opts.entries.map((e) => e.id);

  const loaded = tryLoad(indexPath, sidecarPath, opts, ids);
  if (loaded) {
    opts.logger?.info({ entries: ids.length, model: opts.embedder.model }, "vector index loaded");
    return loaded;
  }

  const vectors = ids.length ? await opts.embedder.embed(opts.entries.map((e) => e.text.slice(0, MAX_TEXT_CHARS))) : [];
  const dimensions = vectors[0]?.length ?? opts.embedder.dimensions ?? 1;
  const index = new HierarchicalNSW("cosine", dimensions);
  index.initIndex({ maxElements: Math.max(1, ids.length), m: 16, efConstruction: 200, randomSeed: 42 });
  vectors.forEach((v, label) => index.addPoint(v, label));

  const meta: VectorSidecar = { version: FORMAT_VERSION, model: opts.embedder.model, dimensions, hash: opts.hash, ids };
  mkdirSync(opts.dir, { recursive: true });
  const tmp = `.${process.pid}.tmp`; // two processes building at once must not share a temp file
  index.writeIndexSync(indexPath + tmp);
  renameSync(indexPath + tmp, indexPath);
  writeFileSync(sidecarPath + tmp, JSON.stringify(meta));
  renameSync(sidecarPath + tmp, sidecarPath);
  opts.logger?.info({ entries: ids.length, model: meta.model, dimensions }, "vector index built");
  return new VectorIndex(index, meta, opts.embedder, true);
}

/**
 * What to embed for a knowledge base: every list item (its list's short name, type and text)
 * and every passage of the source documents.
 */
export function knowledgeVectorEntries(kb: Pick<KnowledgeBase, "items" | "passages">): VectorEntry[] {
  return [
    ...kb.items.map((it) => ({ id: it.id, text: [it.listShort, it.type, it.text].filter(Boolean).join("：") })),
    ...kb.passages.map((p) => ({ id: p.id, text: p.text })),
  ];
}

function tryLoad(indexPath: string, sidecarPath: string, opts: BuildOrLoadOptions, ids: string[]): VectorIndex | null {
  if (!existsSync(indexPath) || !existsSync(sidecarPath)) return null;
  try {
    const meta = JSON.parse(readFileSync(sidecarPath, "utf8")) as VectorSidecar;
    const stale =
      meta.version !== FORMAT_VERSION ||
      meta.hash !== opts.hash ||
      meta.model !== opts.embedder.model ||
      (opts.embedder.dimensions !== undefined && meta.dimensions !== opts.embedder.dimensions) ||
      !Array.isArray(meta.ids) ||
      meta.ids.length !== ids.length ||
      meta.ids.some((id, i) => id !== ids[i]);
    if (stale) {
      opts.logger?.info({ hash: opts.hash, was: meta.hash, model: opts.embedder.model }, "vector index stale; rebuilding");
      return null;
    }
    const index = new HierarchicalNSW("cosine", meta.dimensions);
    index.readIndexSync(indexPath);
    if (index.getCurrentCount() !== ids.length) return null;
    return new VectorIndex(index, meta, opts.embedder, false);
  } catch (err) {
    opts.logger?.warn({ err: (err as Error).message }, "vector index unreadable; rebuilding");
    return null;
  }
}
