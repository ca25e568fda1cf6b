/** What the supervision feature's routes need. The policy module grants them to roles. */
export const supervisionPermissions = {
  /**
   * Seeing supervision records, agreements and compliance: a practitioner their own; managers,
   * HR, the PSW (QA lead) and senior leaders the people in their scope. The reflective note is
   * the record's, not the role's: only the supervisee and the supervisor read it.
   */
  view: "supervision.view",
  /** Recording supervisions and agreements for the people in scope (as their supervisor): managers. */
  record: "supervision.record",
  /** The supervision policy, the settings and the case supervision import: HR and the PSW. */
  manage: "supervision.manage",
  /** Observing supervision (quality assurance) and reading the themes: the PSW and service managers. */
  observe: "supervision.observe",
} as const;
