/** What the performance feature's routes need. The policy module grants them to roles. */
export const performancePermissions = {
  /** The scorecard, measure pages, action plans and board report for the units in scope. */
  view: "performance.view",
  /** Targets, measure owners, entered values and their imports, action plans: senior leaders and HR. */
  manage: "performance.manage",
} as const;
