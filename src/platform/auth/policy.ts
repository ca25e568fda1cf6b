import { RolePolicy } from "./principal.js";

/** Platform permissions. Features declare theirs beside their routes and add them here. */
export const platformPermissions = {
  viewJobs: "platform.jobs.view",
  viewOutbox: "platform.outbox.view",
} as const;

/** The one policy module: which role holds which permission. */
export const policy = new RolePolicy({
  system_administrator: [platformPermissions.viewJobs, platformPermissions.viewOutbox],
  learning_and_development_officer: [platformPermissions.viewOutbox],
});
