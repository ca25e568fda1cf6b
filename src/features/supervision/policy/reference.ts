import type { PartTimeTreatment, RuleTarget, SupervisionKind } from "../schema.js";

/** How the policy's words appear on pages. */
export const targetNames: Record<RuleTarget, string> = {
  default: "Everyone else (the default)",
  job_role: "A job role",
  career_level: "A career level",
  early_career: "NQSWs on an early career programme",
};

export const kindNames: Record<SupervisionKind, string> = {
  individual: "Individual",
  group: "Group",
  reflective: "Reflective",
  practice_model_group: "Practice model group",
  case: "Case supervision (from the case management system)",
};

export const partTimeNames: Record<PartTimeTreatment, string> = {
  same: "As often as full-time staff",
  pro_rata: "Pro rata (less often, by their FTE)",
};
