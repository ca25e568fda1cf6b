/** What the learning feature's routes need. The policy module grants them to roles. */
export const learningPermissions = {
  /** The catalogue: everyone who signs in, external learners included. */
  view: "learning.view",
  /** Adding and changing courses: the learning and development team. */
  manageCatalogue: "learning.catalogue.manage",
} as const;
