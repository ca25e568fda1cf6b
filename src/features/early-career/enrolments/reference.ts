import type { EnrolmentStatus, EntryRoute, PauseReason } from "../schema.js";

export const routeNames: Record<EntryRoute, string> = {
  university: "University",
  step_up: "Step Up to Social Work",
  frontline: "Frontline",
  apprenticeship: "Apprenticeship",
  other: "Other",
};

export const pauseReasonNames: Record<PauseReason, string> = {
  maternity_leave: "Maternity leave",
  adoption_leave: "Adoption leave",
  shared_parental_leave: "Shared parental leave",
  long_sickness: "Long-term sickness",
  other: "Other",
};

export const enrolmentStatusNames: Record<EnrolmentStatus, string> = {
  active: "Active",
  passed: "Passed",
  failed: "Not passed",
  withdrawn: "Withdrawn",
};

export const enrolmentStatusTags: Record<EnrolmentStatus, string> = {
  active: "govuk-tag--blue",
  passed: "govuk-tag--green",
  failed: "govuk-tag--red",
  withdrawn: "govuk-tag--grey",
};

/** SWE register statuses under which a social worker may practise (and so assess). */
export const practisingSweStatuses = ["registered", "registered_with_conditions"] as const;
