import { RolePolicy } from "./principal.js";

/**
 * Feature permissions are plain strings declared beside each feature's routes
 * (e.g. src/features/people/permissions.ts); the platform knows no feature, so they are
 * written here as strings and a test checks each one a route declares is granted to some role.
 */
const people = {
  view: "people.view",
  edit: "people.edit",
  viewEquality: "people.equality.view",
  manageFeeds: "people.feeds.manage",
  manageOrganisation: "people.organisation.manage",
};

/** Platform permissions. Features declare theirs beside their routes and add them here. */
export const platformPermissions = {
  viewJobs: "platform.jobs.view",
  viewOutbox: "platform.outbox.view",
} as const;

/** The one policy module: which role holds which permission. */
export const policy = new RolePolicy({
  system_administrator: [
    "audit.view",
    "data-protection.retention",
    platformPermissions.viewJobs,
    platformPermissions.viewOutbox,
    people.view,
    people.manageOrganisation,
    people.manageFeeds,
  ],
  hr_workforce_analyst: [
    "audit.view",
    "data-protection.subject-access",
    "data-protection.retention",
    people.view,
    people.edit,
    people.viewEquality,
    people.manageFeeds,
    people.manageOrganisation,
  ],
  senior_leader: [people.view],
  service_manager: [people.view],
  line_manager: [people.view],
  learning_and_development_officer: [platformPermissions.viewOutbox, people.view],
});
