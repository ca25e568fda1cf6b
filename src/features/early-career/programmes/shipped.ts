import type { SupervisionStage } from "../schema.js";
import type { ProgrammeDefinition } from "./definition.js";
import { earlyCareerStandards, kssPractitionerStandards, pcfAsyeStandards } from "./reference.js";

/** Weekly for the first 6 weeks, fortnightly to 6 months, then monthly (both programmes). */
const supervisionRhythm: SupervisionStage[] = [
  { every: { weeks: 1 }, until: { weeks: 6 } },
  { every: { weeks: 2 }, until: { months: 6 } },
  { every: { months: 1 }, until: null },
];

/**
 * The one-year Assessed and Supported Year in Employment, as the councils run it: the support
 * and assessment agreement within the first 4 weeks; reviews at 3 and 6 months (9 if wanted);
 * the portfolio at about 11 months; the final review at 12; the internal moderation panel the
 * month after. At most 24 months in all with extension. Assessed against the PCF at ASYE level
 * and the child and family practitioner KSS (until the early career standards apply).
 */
export const shippedAsye: ProgrammeDefinition = {
  code: "ASYE",
  name: "Assessed and Supported Year in Employment",
  lengthMonths: 12,
  maxMonths: 24,
  milestones: [
    { code: "AGREE", name: "Support and assessment agreement", kind: "agreement", at: { weeks: 4 } },
    { code: "R3", name: "3-month review", kind: "review", at: { months: 3 } },
    { code: "R6", name: "6-month review", kind: "review", at: { months: 6 } },
    { code: "R9", name: "9-month review", kind: "review", at: { months: 9 }, optional: true },
    { code: "PORTFOLIO", name: "Portfolio submission", kind: "portfolio", at: { months: 11 } },
    { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 12 } },
    { code: "PANEL", name: "Internal moderation panel", kind: "panel", at: { months: 13 } },
  ],
  standards: [...pcfAsyeStandards, ...kssPractitionerStandards],
  minEvidence: { observation: 3, reflection: 1, feedback_people: 1, feedback_professional: 1 },
  supervisionRhythm,
  protectedCaseloadPercent: 90,
  protectedCaseloadChildren: null,
  protectedTimePercent: 10,
  coreCourseIds: [],
};

/**
 * The DfE's two-year Early Career Development Programme (from September 2027), assessed against
 * the early career standards. Its own milestones: agreement within 4 weeks; reviews at 3, 6, 12
 * and 18 months; portfolio at 23; final review at 24; panel the month after.
 * Length 24 months, longest 30: the "at most 24 months in all" cap is the ASYE's; the DfE had not
 * published an extension limit for the ECDP, so 6 months beyond the planned end is this
 * template's assumption (the co-ordinator can change it in a new version). Evidence minimums
 * double the ASYE's observations and feedback over two years (also an assumption to confirm).
 */
export const shippedEcdp: ProgrammeDefinition = {
  code: "ECDP",
  name: "Early Career Development Programme",
  lengthMonths: 24,
  maxMonths: 30,
  milestones: [
    { code: "AGREE", name: "Support and assessment agreement", kind: "agreement", at: { weeks: 4 } },
    { code: "R3", name: "3-month review", kind: "review", at: { months: 3 } },
    { code: "R6", name: "6-month review", kind: "review", at: { months: 6 } },
    { code: "R12", name: "12-month review", kind: "review", at: { months: 12 } },
    { code: "R18", name: "18-month review", kind: "review", at: { months: 18 } },
    { code: "PORTFOLIO", name: "Portfolio submission", kind: "portfolio", at: { months: 23 } },
    { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 24 } },
    { code: "PANEL", name: "Internal moderation panel", kind: "panel", at: { months: 25 } },
  ],
  standards: [...earlyCareerStandards],
  minEvidence: { observation: 6, reflection: 2, feedback_people: 2, feedback_professional: 2 },
  supervisionRhythm,
  protectedCaseloadPercent: 90,
  protectedCaseloadChildren: null,
  protectedTimePercent: 10,
  coreCourseIds: [],
};

/** The templates every council starts with (`ensureShipped` adds those missing, by code). */
export const shippedProgrammes: readonly ProgrammeDefinition[] = [shippedAsye, shippedEcdp];
