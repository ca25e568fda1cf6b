/** What the people feature's routes need. The policy module grants them to roles. */
export const peoplePermissions = {
  view: "people.view",
  edit: "people.edit",
  viewEquality: "people.equality.view",
  manageFeeds: "people.feeds.manage",
  manageOrganisation: "people.organisation.manage",
} as const;
