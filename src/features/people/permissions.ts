/** What the people feature's routes need. The policy module grants them to roles. */
export const peoplePermissions = {
  /** People's records (the list, profiles, foster carers), within the role's scope. */
  view: "people.view",
  /** The organisation tree and team pages: structure and counts, no personal detail beyond names. */
  viewOrganisation: "people.organisation.view",
  edit: "people.edit",
  viewEquality: "people.equality.view",
  /** Equality figures in aggregate, small numbers suppressed. */
  reportEquality: "people.equality.report",
  manageFeeds: "people.feeds.manage",
  manageOrganisation: "people.organisation.manage",
} as const;
