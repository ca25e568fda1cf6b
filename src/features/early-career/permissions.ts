/** What the early career feature's routes need. The policy module grants them to roles. */
export const earlyCareerPermissions = {
  /**
   * Seeing an enrolment (programme, milestones, portfolio): the NQSW their own; an assessor or
   * mentor the NQSWs they are named on; managers, HR, the PSW (QA lead) and senior leaders the
   * NQSWs in their scope. The NQSW adds evidence, confirms reviews and answers the survey; the
   * line manager confirms reviews: the record decides which of these a viewer may do.
   */
  view: "early-career.view",
  /** Recording reviews and observations and signing off the portfolio: assessors (their NQSWs), the co-ordinator. */
  assess: "early-career.assess",
  /** Templates, cohorts, enrolment, pauses, panel, outcomes, protection, dashboard, survey report: the co-ordinator. */
  manage: "early-career.manage",
  /** The career level and pay point actions a pass raises: HR. */
  progression: "early-career.progression",
} as const;
