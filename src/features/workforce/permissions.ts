/** What the workforce feature's routes need. The policy module grants them to roles. */
export const workforcePermissions = {
  /** The profile, measures, starters and leavers, benchmarking and forecast for the units in scope. */
  view: "workforce.view",
  /** Feeds (agency, absence, stability, the DfE's indicators), settings, the forecast's assumptions, the census: HR. */
  manage: "workforce.manage",
  /** Stay conversations with people in scope: managers and HR. */
  stay: "workforce.stay",
  /** Recruitment campaigns, applicants and their stages: HR and hiring managers. */
  recruit: "workforce.recruit",
} as const;
