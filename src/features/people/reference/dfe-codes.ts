/**
 * Code lists from the DfE children's social work workforce census specification (collection year
 * 2022): social_work_workforce_2022.xsd, as kept in SocialFinanceDigitalLabs/liia-tools (MIT),
 * liiatools/spec/social_work_workforce/. Copied here so the product never reads ../shared.
 * The DfE revises the specification each year: treat these as that year's lists.
 */
export const leavingReasons = {
  1: "Resignation",
  2: "Voluntary redundancy",
  3: "Compulsory redundancy",
  4: "Dismissed",
  5: "Retired",
  6: "Deceased",
  7: "Moved to a non-child and family social work role within the local authority",
  8: "Other",
  9: "Not known",
  10: "Not yet collected",
} as const;

export const leavingDestinations = {
  1: "Social worker role in a different local authority in England",
  2: "Social worker role outside England",
  3: "Agency or consultancy in social work (in England)",
  4: "Other social work role, not a local authority (in England)",
  5: "Other social care role in a local authority or not (in England)",
  6: "Non-social care role, any role outside England, no employment or career break",
  7: "Other",
  8: "Not known",
  9: "Not yet collected",
} as const;

export const orgRoles = {
  1: "Senior manager",
  2: "Middle manager",
  3: "First line manager",
  4: "Senior practitioner",
  5: "Case holder",
  6: "Qualified without cases",
} as const;

export const genders = { 0: "Not known", 1: "Male", 2: "Female", 9: "Not specified" } as const;

export const ethnicities = {
  WBRI: "White British",
  WIRI: "White Irish",
  WOTH: "Any other White background",
  MWBC: "White and Black Caribbean",
  MWBA: "White and Black African",
  MWAS: "White and Asian",
  MOTH: "Any other mixed background",
  AIND: "Indian",
  APKN: "Pakistani",
  ABAN: "Bangladeshi",
  AOTH: "Any other Asian background",
  BCRB: "Black Caribbean",
  BAFR: "Black African",
  BOTH: "Any other Black background",
  CHNE: "Chinese",
  OOTH: "Any other ethnic group",
  REFU: "Declared not stated or refused",
  NOBT: "Information not yet obtained",
} as const;

export type LeavingReasonCode = keyof typeof leavingReasons;
export type EthnicityCode = keyof typeof ethnicities;
