import { PhraseMatcher } from "../search/phrase-matcher.js";
import type { ListKind } from "../types.js";
import { CONCEPT, isCertificateConcept } from "../policy/concepts.js";
import { conceptAncestors } from "../policy/scope.js";
import type { KnowledgeBase } from "./knowledge-base.js";

/** A concept proposed for an imported item, and why. */
export interface ConceptProposal {
  concept: string;
  label: string;
  why: string;
}

const CERTIFICATE_KINDS: ReadonlySet<ListKind> = new Set(["certificate", "no-certificate"]);
/** An item that leaves room for any other certificate the law requires. */
const OTHERS = /其他[^，,。；;]{0,12}证明/;
/** What a certificate's name says besides the fact to be proved. */
const PAPER_WORDS = /(出具|开具|情况|的|证明|反馈|材料|为居民|根据居民需要)/g;

/** Character bigrams of a text (CJK only). */
function bigrams(text: string): Set<string> {
  const t = text.replace(/[^\u4e00-\u9fff]/g, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}


/**
 * Proposes the existing concepts an imported item covers: a certificate against the certificate
 * concepts (by the fact it proves, then by shared characters), any other item against the
 * concepts whose everyday words its text holds. Empty when nothing fits well enough.
 */
export function createConceptProposer(kb: KnowledgeBase): (text: string, kind: ListKind) => ConceptProposal[] {
  const concepts = [...kb.lexicon.concepts.values()];
  const certificates = concepts.filter((c) => isCertificateConcept(kb, c.id));
  const tasks = concepts.filter((c) => !isCertificateConcept(kb, c.id));
  const words = new PhraseMatcher<string>();
  for (const c of tasks) for (const w of c.words) words.add(w, c.id);

  function proposeCertificate(text: string): ConceptProposal[] {
    // "…应出具的其他证明" names no certificate: it leaves room for what the law requires.
    if (OTHERS.test(text) && kb.lexicon.concepts.has(CONCEPT.otherCertificates)) {
      return [{ concept: CONCEPT.otherCertificates, label: kb.lexicon.concepts.get(CONCEPT.otherCertificates)!.label, why: "条目只说“其他证明”，不指某一种" }];
    }
    const fact = text.replace(PAPER_WORDS, "");
    const bare = (w: string) => w.replace(/（[^）]*）|\([^)]*\)/g, "").replace(PAPER_WORDS, "");
    // Every certificate the item names or says in other words ("房屋产权、面积及建成年代证明"
    // names two); else the one closest in wording.
    const scored = certificates
      .map((c) => {
        const name = bare(c.label);
        const named = name.length >= 2 && (fact.includes(name) || (fact.length >= 2 && name.includes(fact)));
        const said = c.words.filter((w) => bare(w).length >= 3 && fact.includes(bare(w))).sort((a, b) => b.length - a.length)[0];
        const cover = (n: number) => 1 + Math.min(n, fact.length) / Math.max(fact.length, 1);
        const byName = named ? cover(Math.min(name.length, fact.length)) : 0;
        const byWord = said ? cover(bare(said).length) : 0;
        const score = Math.max(byName, byWord) || dice(bigrams(fact), bigrams(name));
        const why = byName >= byWord && named ? `证明的事项与“${c.label}”相同` : said ? `含有该概念的说法“${said}”` : `与“${c.label}”的字面相近`;
        // Named by the item itself (not the item's fact inside a longer name: 婚姻状况 in 收养人婚姻状况…).
        const inItem = (name.length >= 2 && fact.includes(name)) || !!said;
        return { c, score, why, inItem };
      })
      .filter((x) => x.score >= 0.5)
      .sort((a, b) => b.score - a.score);
    const found = scored.filter((x) => x.inItem);
    return (found.length ? found.slice(0, 3) : scored.slice(0, 1)).map(({ c, why }) => ({ concept: c.id, label: c.label, why }));
  }

  function proposeTask(text: string): ConceptProposal[] {
    const found = new Map<string, string>();
    for (const m of words.match(text.replace(/\s+/g, ""))) if (!found.has(m.value)) found.set(m.value, m.phrase);
    // A category written by its name (拆迁拆违, 城市管理) is the broad concept of that name, and
    // stands for the narrower ones its words found.
    for (const c of tasks) if (c.words.length === 0 && c.label.length >= 4 && text.includes(c.label)) found.set(c.id, c.label);
    for (const id of [...found.keys()]) if (conceptAncestors(kb, id).slice(1).some((a) => found.has(a))) found.delete(id);
    return [...found].slice(0, 6).map(([id, phrase]) => {
      const c = kb.lexicon.concepts.get(id)!;
      return { concept: id, label: c.label, why: `含有“${phrase}”` };
    });
  }

  return (text, kind) => (CERTIFICATE_KINDS.has(kind) ? proposeCertificate(text) : proposeTask(text));
}
