import type { EnrolmentRelation } from "../enrolment-access.js";
import { type EvidenceKind, evidenceKinds } from "../schema.js";
import type { EvidenceItem, PortfolioState } from "./portfolio.repository.js";

/** Who adds an item: the NQSW, their assessor or the co-ordinator. */
export type Adder = "nqsw" | "assessor" | "coordinator";

/** How the viewer adds evidence to this enrolment's portfolio, or null if they may not. */
export function adderFor(relation: EnrolmentRelation): Adder | null {
  if (relation.self) return "nqsw";
  if (relation.assessor) return "assessor";
  if (relation.coordinator) return "coordinator";
  return null;
}

/** The kinds an adder may add: direct observations are the assessor's or the co-ordinator's. */
export function kindsFor(adder: Adder): EvidenceKind[] {
  return adder === "nqsw" ? evidenceKinds.filter((k) => k !== "observation") : [...evidenceKinds];
}

/**
 * Why the portfolio is closed to this adder, or null if it is open: the NQSW adds and changes
 * evidence until they submit it; the assessor and the co-ordinator until the assessor signs off.
 */
export function closedReason(adder: Adder, state: PortfolioState): string | null {
  if (state.status !== "active") return "The programme has ended, so its portfolio cannot change";
  if (adder === "nqsw" && state.submittedOn)
    return "The portfolio has been submitted, so you cannot change it";
  if (state.signedOffOn) return "The assessor has signed off the portfolio, so it cannot change";
  return null;
}

/** Whether the item is the viewer's own: they added it (as that person, or as that user). */
export function isOwnItem(item: EvidenceItem, viewer: { personId: string | null; actorId: string }): boolean {
  if (item.addedByPersonId !== null && viewer.personId !== null)
    return item.addedByPersonId === viewer.personId;
  return item.createdBy === viewer.actorId;
}
