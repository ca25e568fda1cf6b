/** What the caseloads feature's routes need. The policy module grants them to roles. */
export const caseloadPermissions = {
  /** Seeing caseloads: a practitioner their own; managers, HR, the PSW and senior leaders those in scope. */
  view: "caseloads.view",
  /** Typing a snapshot for the people in scope: managers and HR. */
  record: "caseloads.record",
  /** Targets, weights and the case management system's file (feed or upload): HR. */
  manage: "caseloads.manage",
} as const;
