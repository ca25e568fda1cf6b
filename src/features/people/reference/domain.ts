/** Words from the glossary, as the platform stores them. */
export const contractTypes = [
  "permanent",
  "fixed_term",
  "agency",
  "locum",
  "apprentice",
  "student",
  "secondee",
  "volunteer",
] as const;
export type ContractType = (typeof contractTypes)[number];

export const contractTypeNames: Record<ContractType, string> = {
  permanent: "Permanent",
  fixed_term: "Fixed-term",
  agency: "Agency",
  locum: "Locum",
  apprentice: "Apprentice",
  student: "Student",
  secondee: "Secondee",
  volunteer: "Volunteer",
};

/** Contract types that hold a post without being its permanent holder: a post so held is vacant. */
export const coverContractTypes: readonly ContractType[] = ["agency", "locum"];

export const unitTypes = ["directorate", "service", "area", "team", "home"] as const;
export type UnitType = (typeof unitTypes)[number];

export const personKinds = ["staff", "foster_carer", "partner_learner"] as const;
export type PersonKind = (typeof personKinds)[number];

export const sweStatuses = ["registered", "registered_with_conditions", "suspended", "removed"] as const;
export type SweStatus = (typeof sweStatuses)[number];

export const sweStatusNames: Record<SweStatus, string> = {
  registered: "Registered",
  registered_with_conditions: "Registered with conditions",
  suspended: "Suspended",
  removed: "Removed",
};

/** Social Work England registration number: SW and 1 to 6 digits, no leading zero. */
export const SWE_NUMBER = /^SW[1-9]\d{0,5}$/;

export const fosterApprovalTypes = ["mainstream", "connected_person", "short_breaks"] as const;
export type FosterApprovalType = (typeof fosterApprovalTypes)[number];

export const partnerSectors = ["police", "health", "education", "voluntary", "other"] as const;
export type PartnerSector = (typeof partnerSectors)[number];

export const exitThemes = ["support_and_supervision", "workload", "career_path", "pay", "other"] as const;
export type ExitTheme = (typeof exitThemes)[number];
