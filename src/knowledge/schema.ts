import { z } from "zod";

const itemSchema = z.object({
  id: z.string().regex(/^[a-z]+\/[a-z-]+\/\d+$/, "id 应形如 gansu/negative/7"),
  number: z.number().int().positive(),
  text: z.string().min(2),
  basis: z.string().min(2).optional(),
  type: z.string().min(2).optional(),
  reason: z.string().min(2).optional(),
  /** Concepts the item covers; empty only when `uncovered` says no concept fits it yet. */
  covers: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).default([]),
  uncovered: z.boolean().optional(),
});

const listSchema = z.object({
  list: z.enum(["duty", "assist", "negative", "no-certificate", "certificate", "cancelled"]),
  name: z.string().min(2),
  short: z.string().min(2),
  aliases: z.array(z.string().min(2)).default([]),
  verdict: z.enum(["duty", "assist", "negative"]),
  source: z.string().regex(/^[a-z0-9-]+$/),
  notes: z.array(z.string()).default([]),
  /** For a list of certificates a committee may issue: the source's words that close it (nothing else may be asked). */
  closure: z.string().min(4).optional(),
  items: z.array(itemSchema).min(1),
});

/** One file of knowledge/lists/: a list set (a province, or national). */
export const listFileSchema = z.object({
  set: z.string().regex(/^[a-z]+$/),
  region: z.string().min(1),
  lists: z.array(listSchema).min(1),
});

export type ListFile = z.infer<typeof listFileSchema>;

/** knowledge/sources/sources.yaml. */
export const sourcesSchema = z.array(
  z.object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(2),
    issuer: z.string().min(1),
    date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
    number: z.string().default(""),
    aliases: z.array(z.string().min(1)).default([]),
    /** The place the document speaks for: 全国, 甘肃省, 云南省昆明市 … */
    region: z.string().min(2).default("全国"),
  }),
);
