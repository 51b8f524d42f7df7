import { existsSync, readFileSync } from "node:fs";
import { parseYamlCached } from "../knowledge/yaml-file.js";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";
import { nfkc } from "../search/normalize.js";

/**
 * Place names: provinces and their prefecture-level cities (knowledge/places.yaml), so that a
 * region written loosely ("张家口市桥西区", "昆明", "天津") is completed up to its province, and
 * places named in a question can be recognised.
 */
export interface Gazetteer {
  /** The place a region string names, province first: ["河北省", "张家口市", "桥西区"]; [] for none. */
  parse(region: string): string[];
  /** Places named anywhere in a text, with where they start (longest names first at a position). */
  find(text: string): Array<{ path: string[]; at: number; name: string }>;
}

const placesSchema = z.object({
  provinces: z.record(z.string().min(2), z.array(z.string().min(2))),
  counties: z.record(z.string().min(2), z.string().min(2)).default({}),
});

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY_SUFFIX = /(市|地区|盟|林区)$/;
/** A county-level place written after its city: 西山区, 环县, 大冶市, 科尔沁左翼中旗. */
const COUNTY = /^[\u4e00-\u9fa5]{1,6}?(?<![社小辖片园街景校学矿牧])(区|县|市|旗)/;
const COUNTRY = /^(全国|中国|国家|中华人民共和国)$/;

interface Entry {
  path: string[];
  /** 0 province, 1 city, 2 county. */
  level: number;
}

/** Loads the gazetteer; an absent file gives one that knows no place (everything is national). */
export function loadGazetteer(path: string): Gazetteer {
  const data = existsSync(path) ? placesSchema.safeParse(parseYamlCached(readFileSync(path, "utf8"))) : placesSchema.safeParse({ provinces: {} });
  if (!data.success) throw new KnowledgeError(`${path}: ${data.error.issues[0].path.join(".")} ${data.error.issues[0].message}`);
  const names = new Map<string, Entry>();
  const add = (name: string, entry: Entry) => {
    // A short name shared by two places (海南 the province, 海南州) names neither.
    const known = names.get(name);
    if (known && known.path.join() !== entry.path.join()) names.set(name, { path: [], level: -1 });
    else if (!known) names.set(name, entry);
  };
  for (const [province, cities] of Object.entries(data.data.provinces)) {
    const p = { path: [province], level: 0 };
    names.set(province, p);
    const short = province.replace(PROVINCE_SUFFIX, "");
    if (short.length >= 2) add(short, p);
    for (const city of cities) {
      const c = { path: [province, city], level: 1 };
      names.set(city, c);
      const s = city.replace(CITY_SUFFIX, "");
      if (s.length >= 2 && s !== city && !/自治州$/.test(city)) add(s, c);
    }
  }
  let byLength = known();
  for (const [county, parent] of Object.entries(data.data.counties)) names.set(county, { path: [...parsePath(parent), county], level: 2 });
  byLength = known();

  function known(): string[] {
    return [...names.keys()].filter((n) => names.get(n)!.level >= 0).sort((a, b) => b.length - a.length);
  }

  function parsePath(region: string): string[] {
    const text = region.normalize("NFKC").replace(/\s+/g, "");
    if (!text || COUNTRY.test(text)) return [];
    let path: string[] = [];
    let rest = text;
    // Read names from the front: province, city, then a county written after them.
    for (;;) {
      const name = byLength.find((n) => rest.startsWith(n));
      if (!name) break;
      const entry = names.get(name)!;
      if (path.length && entry.path[0] !== path[0]) break;
      if (entry.path.length > path.length) path = entry.path;
      rest = rest.slice(name.length);
    }
    if (path.length === 0) {
      // No known name at the front: a known place elsewhere in the string still places it.
      const inside = byLength.find((n) => rest.includes(n));
      if (!inside) return [];
      path = names.get(inside)!.path;
      rest = rest.slice(rest.indexOf(inside) + inside.length);
    }
    const county = COUNTY.exec(rest);
    if (county && path.length < 3 && (path.length === 2 || isMunicipality(path))) path = [...path, county[0]];
    return path;
  }

  // Names by their first character, longest first: find() looks only at those that could start here.
  const byFirst = new Map<string, string[]>();
  for (const n of byLength) (byFirst.get(n[0]!) ?? byFirst.set(n[0]!, []).get(n[0]!)!).push(n);

  const isMunicipality = (path: string[]) => path.length === 1 && (data.data.provinces[path[0]]?.length ?? 1) === 0;

  // Regions are few and asked again and again (each list's region, each question's place).
  const parsed = new Map<string, string[]>();
  return {
    parse(region) {
      let path = parsed.get(region);
      if (!path) {
        path = parsePath(region);
        if (parsed.size < 10_000) parsed.set(region, path);
      }
      return path;
    },
    find(text) {
      const norm = nfkc(text);
      const out: Array<{ path: string[]; at: number; name: string }> = [];
      for (let i = 0; i < norm.length; i++) {
        const name = byFirst.get(norm[i]!)?.find((n) => norm.startsWith(n, i));
        if (!name) continue;
        out.push({ path: names.get(name)!.path, at: i, name });
        i += name.length - 1;
      }
      return out;
    },
  };
}

/** Where a deployment is when nothing says otherwise (setting REGION). */
export const DEFAULT_REGION = "甘肃省";

/** The region label of a path: 河北省张家口市; 全国 for the empty path. */
export function placeLabel(path: readonly string[]): string {
  return path.length ? path.join("") : "全国";
}

/** True when `outer` contains `inner` (全国 contains everything). */
export function contains(outer: readonly string[], inner: readonly string[]): boolean {
  return outer.length <= inner.length && outer.every((p, i) => inner[i] === p);
}
