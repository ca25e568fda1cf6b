/**
 * The standards an early career programme assesses against, as reference data. A template version
 * copies the standards it uses into its own row (data, not code), so a co-ordinator can correct
 * the wording for the next version without a release; these lists are only what the shipped
 * templates start from.
 *
 * - PCF at ASYE level: the nine domains of BASW's Professional Capabilities Framework, worded as
 *   in the learning offer's reference data (src/features/learning/reference.ts, imported, not
 *   copied).
 * - KSS, child and family practitioner: the DfE's post-qualifying standard "Knowledge and skills
 *   statement for child and family practitioners" (2015, updated 2018), worded as in the CPD log's
 *   reference data (src/features/cpd/log/reference.ts, imported, not copied; its wording is marked
 *   there as to be checked against the published text). Used until 31 March 2027.
 * - ECS-2026: the DfE's "Child and family social worker early career standards", published on
 *   GOV.UK on 18 February 2026, applying from 1 April 2027 and the basis of the two-year Early
 *   Career Development Programme (ECDP) that replaces the ASYE from September 2027.
 *   PROVISIONAL WORDING: the headings below are the six domains of the DfE's 2025 consultation
 *   draft (anti-discriminatory practice; relationships and communication; assessment and
 *   planning; intervention; reflection and learning; leadership and management). The published
 *   standards were reported to keep the substance of the draft while cutting the detail beneath
 *   the domains; the final headings could not be confirmed here. Check them against the published
 *   document before the first ECDP cohort, and correct them in a new version of the template.
 */
import { kssStatements } from "../../cpd/log/reference.js";
import { pcfDomains } from "../../learning/reference.js";
import type { EvidenceKind, MilestoneKind, ProgrammeStandard } from "../schema.js";

export const frameworks = {
  pcfAsye: "PCF-ASYE",
  kssPractitioner: "KSS-CFP",
  earlyCareer: "ECS-2026",
} as const;

export const frameworkNames: Record<string, string> = {
  [frameworks.pcfAsye]: "Professional Capabilities Framework (ASYE level)",
  [frameworks.kssPractitioner]: "Knowledge and skills statement: child and family practitioner",
  [frameworks.earlyCareer]: "Child and family social worker early career standards (2026)",
};

/** The nine PCF domains at ASYE level, PCF-1 to PCF-9, in the framework's order. */
export const pcfAsyeStandards: ProgrammeStandard[] = Object.values(pcfDomains).map((title, i) => ({
  framework: frameworks.pcfAsye,
  code: `PCF-${i + 1}`,
  title,
}));

/** The ten child and family practitioner statements, KSS-1 to KSS-10. */
export const kssPractitionerStandards: ProgrammeStandard[] = Array.from({ length: 10 }, (_, i) => ({
  framework: frameworks.kssPractitioner,
  code: `KSS-${i + 1}`,
  title: kssStatements[`cf${i + 1}`] ?? `Statement ${i + 1}`,
}));

/** The early career standards' headings: PROVISIONAL, see the note at the top of this file. */
export const earlyCareerStandards: ProgrammeStandard[] = [
  "Anti-discriminatory practice",
  "Relationships and communication",
  "Assessment and planning",
  "Intervention",
  "Reflection and learning",
  "Leadership and management",
].map((title, i) => ({ framework: frameworks.earlyCareer, code: `ECS-${i + 1}`, title }));

/** What each kind of portfolio evidence is called on pages. */
export const evidenceKindNames: Record<EvidenceKind, string> = {
  observation: "Direct observation",
  reflection: "Critical reflection",
  feedback_people: "Feedback from people who use services",
  feedback_professional: "Feedback from professionals",
  training: "Training",
  other: "Other evidence",
};

/** What each kind of milestone is called on pages. */
export const milestoneKindNames: Record<MilestoneKind, string> = {
  agreement: "Support and assessment agreement",
  review: "Review",
  final_review: "Final review",
  portfolio: "Portfolio submission",
  panel: "Moderation panel",
};
