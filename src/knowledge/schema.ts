import { z } from "zod";

const itemSchema = z.object({
  id: z.string().regex(/^[a-z]+\/[a-z-]+\/\d+$/, "id 应形如 gansu/negative/7"),
  number: z.number().int().positive(),
  text: z.string().min(2),
  basis: z.string().min(2).optional(),
  type: z.string().min(2).optional(),
  reason: z.string().min(2).optional(),
});

const listSchema = z.object({
  list: z.enum(["duty", "assist", "negative", "no-certificate"]),
  name: z.string().min(2),
  short: z.string().min(2),
  aliases: z.array(z.string().min(2)).default([]),
  verdict: z.enum(["duty", "assist", "negative"]),
  source: z.string().regex(/^[a-z0-9-]+$/),
  notes: z.array(z.string()).default([]),
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
  }),
);
