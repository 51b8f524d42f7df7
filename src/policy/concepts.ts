import type { BurdenKind } from "../knowledge/grounds.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { ListItem } from "../types.js";
import { conceptAncestors, type Scope } from "./scope.js";

/**
 * The concepts the rules speak of, by name. Each must be defined in
 * knowledge/lexicon/concepts.yaml: loading the knowledge base checks it (see checkRuleConcepts).
 */
export const CONCEPT = {
  specialEquipment: "special-equipment-inspection",
  businessSafety: "business-safety-inspection",
  foodAndDrugs: "food-drug-supervision",
  administrativeEnforcement: "administrative-enforcement",
  vehicles: "vehicle-regulation",
  enforcement: "enforcement",
  demolition: "demolition",
  demolitionAndRelocation: "demolition-and-relocation",
  environmentalCleanup: "environmental-cleanup",
  clearedLandRubbish: "cleared-land-rubbish",
  streetVending: "street-vending",
  roadCleaning: "road-cleaning",
  roadsideTrees: "roadside-trees",
  lawPublicity: "law-publicity",
  cityManagement: "city-management",
  investment: "investment-attraction",
  reportHazard: "report-hazard",
  otherCertificates: "other-certificates",
  vetoAssessment: "veto-assessment",
  newPlaque: "new-plaque",
  dedicatedPost: "dedicated-post",
  appQuota: "app-promotion-quota",
  extraPaperwork: "extra-paperwork",
  commercialQuotas: "commercial-quotas",
} as const;

/** The concept each burden the screener recognises is (certificates are their own items). */
export const BURDEN_CONCEPT: Record<BurdenKind, RuleConcept | null> = {
  plaque: CONCEPT.newPlaque,
  post: CONCEPT.dedicatedPost,
  app: CONCEPT.appQuota,
  ledger: CONCEPT.extraPaperwork,
  veto: CONCEPT.vetoAssessment,
  certificate: null,
};

export type RuleConcept = (typeof CONCEPT)[keyof typeof CONCEPT];

/** The rule concepts the lexicon does not define (empty when all is well). */
export function undefinedRuleConcepts(kb: Pick<KnowledgeBase, "lexicon">): string[] {
  return Object.values(CONCEPT).filter((c) => !kb.lexicon.concepts.has(c));
}

/** True when one concept is the other, part of it, or a whole it is part of. */
export function related(kb: KnowledgeBase, a: string, b: string): boolean {
  return conceptAncestors(kb, a).includes(b) || conceptAncestors(kb, b).includes(a);
}

/**
 * True when the item stands here for the concept: one of its concepts is it, part of it, or the
 * category it belongs to (a list item written as 拆迁拆违 stands for 拆除违章建筑).
 */
export function standsFor(kb: KnowledgeBase, scope: Scope, item: ListItem, concept: string): boolean {
  return scope.effective(item).some((c) => related(kb, c, concept));
}

/** True when every concept the item stands for here is part of `concept` (and it stands for some). */
export function standsOnlyFor(kb: KnowledgeBase, scope: Scope, item: ListItem, concept: string): boolean {
  const cs = scope.effective(item);
  return cs.length > 0 && cs.every((c) => conceptAncestors(kb, c).includes(concept));
}

/** A list item of tasks the community must not be given (not a certificate list). */
export function isNegativeTask(item: ListItem): boolean {
  return item.verdict === "negative" && item.list !== "no-certificate";
}

/** A list item of work the community does or assists with (not a certificate list). */
export function isOwnWork(item: ListItem): boolean {
  return (item.verdict === "duty" || item.verdict === "assist") && item.list !== "certificate";
}

/** A concept that is a kind of certificate: named so, or covered by a certificate list. */
export function isCertificateConcept(kb: KnowledgeBase, concept: string): boolean {
  return concept.endsWith("-certificate") || kb.covering(concept).some((it) => it.list === "certificate" || it.list === "no-certificate");
}
