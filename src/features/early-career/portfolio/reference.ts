import type { EvidenceKind, PanelDecision } from "../schema.js";

/** What each kind of evidence is called on pages and in downloads. */
export const evidenceKindNames: Record<EvidenceKind, string> = {
  observation: "Direct observation",
  reflection: "Critical reflection",
  feedback_people: "Feedback from people who use services",
  feedback_professional: "Feedback from professionals",
  training: "Training",
  other: "Other",
};

/** The kind in a count: "Direct observations 2 of 3". */
export const evidenceKindPlurals: Record<EvidenceKind, string> = {
  observation: "Direct observations",
  reflection: "Critical reflections",
  feedback_people: "Feedback from people who use services",
  feedback_professional: "Feedback from professionals",
  training: "Training",
  other: "Other evidence",
};

/** The frameworks programme versions use (others show their code). */
const frameworkNames: Record<string, string> = {
  "PCF-ASYE": "Professional Capabilities Framework (ASYE level)",
  "KSS-CFP": "Knowledge and skills statement: child and family practitioner",
  "KSS-AS": "Knowledge and skills statement: adult social work",
  "ECS-2026": "Early career standards (2026)",
};

export function frameworkName(code: string): string {
  return frameworkNames[code] ?? code;
}

export const panelDecisionNames: Record<PanelDecision, string> = {
  endorsed: "Endorsed",
  not_endorsed: "Not endorsed",
  deferred: "Deferred",
};

export const recommendationNames = { pass: "Pass", fail: "Fail" } as const;

export const addedAsNames = { nqsw: "NQSW", assessor: "Assessor", coordinator: "ASYE co-ordinator" } as const;
