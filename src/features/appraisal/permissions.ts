/** What the appraisal feature's routes need. The policy module grants them to roles. */
export const appraisalPermissions = {
  /** Seeing appraisals: a practitioner their own; managers, HR and senior leaders those in scope. */
  view: "appraisal.view",
  /** Recording appraisals as the appraiser for the people in scope: managers. */
  record: "appraisal.record",
  /** The yearly cycles: HR. */
  manage: "appraisal.manage",
} as const;
