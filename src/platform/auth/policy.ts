import { RolePolicy } from "./principal.js";

/**
 * Feature permissions are plain strings declared beside each feature's routes
 * (e.g. src/features/people/permissions.ts); the platform knows no feature, so they are
 * written here as strings and a test checks each one a route declares is granted to some role.
 */
const people = {
  view: "people.view",
  viewOrganisation: "people.organisation.view",
  edit: "people.edit",
  viewEquality: "people.equality.view",
  reportEquality: "people.equality.report",
  manageFeeds: "people.feeds.manage",
  manageOrganisation: "people.organisation.manage",
};

/** Platform permissions. Features declare theirs beside their routes and add them here. */
export const platformPermissions = {
  viewJobs: "platform.jobs.view",
  viewOutbox: "platform.outbox.view",
} as const;

const audit = { view: "audit.view" };
const learning = {
  view: "learning.view",
  manageCatalogue: "learning.catalogue.manage",
  manageRequirements: "learning.requirements.manage",
  manageSessions: "learning.sessions.manage",
  bookForOthers: "learning.book.others",
  viewRecords: "learning.records.view",
  manageRecords: "learning.records.manage",
  recordPauses: "learning.pauses.manage",
  reportEvaluation: "learning.evaluation.report",
  recordNeeds: "learning.needs.record",
  analyseNeeds: "learning.needs.analyse",
};
const cpd = {
  own: "cpd.own",
  viewPeople: "cpd.people.view",
  manageRegistration: "cpd.registration.manage",
};
const earlyCareer = {
  view: "early-career.view",
  assess: "early-career.assess",
  manage: "early-career.manage",
  progression: "early-career.progression",
};
const supervision = {
  view: "supervision.view",
  record: "supervision.record",
  manage: "supervision.manage",
  observe: "supervision.observe",
};
const appraisal = { view: "appraisal.view", record: "appraisal.record", manage: "appraisal.manage" };
const caseloads = { view: "caseloads.view", record: "caseloads.record", manage: "caseloads.manage" };
const workforce = {
  view: "workforce.view",
  manage: "workforce.manage",
  stay: "workforce.stay",
  recruit: "workforce.recruit",
};
const performance = { view: "performance.view", manage: "performance.manage" };
const dataProtection = {
  subjectAccess: "data-protection.subject-access",
  retention: "data-protection.retention",
};

/**
 * The one policy module: each role's scope and permissions, from the sign-in and access issue.
 * docs/access-control.md is the same decisions route by route, and a test holds the app to it.
 */
export const policy = new RolePolicy({
  practitioner: {
    name: "Practitioner",
    scope: "self",
    permissions: [
      people.view,
      learning.view,
      cpd.own,
      earlyCareer.view,
      supervision.view,
      appraisal.view,
      caseloads.view,
    ],
  },
  line_manager: {
    name: "Line manager / practice supervisor",
    scope: "reports",
    permissions: [
      people.view,
      people.viewOrganisation,
      learning.view,
      learning.bookForOthers,
      learning.viewRecords,
      learning.recordNeeds,
      cpd.own,
      cpd.viewPeople,
      earlyCareer.view,
      supervision.view,
      supervision.record,
      appraisal.view,
      appraisal.record,
      caseloads.view,
      caseloads.record,
      workforce.view,
      workforce.stay,
    ],
  },
  service_manager: {
    name: "Service manager",
    scope: "unit",
    permissions: [
      people.view,
      people.viewOrganisation,
      learning.view,
      learning.bookForOthers,
      learning.viewRecords,
      learning.recordNeeds,
      learning.analyseNeeds,
      cpd.own,
      cpd.viewPeople,
      earlyCareer.view,
      supervision.view,
      supervision.record,
      supervision.observe,
      appraisal.view,
      appraisal.record,
      caseloads.view,
      caseloads.record,
      workforce.view,
      workforce.stay,
      workforce.recruit,
      performance.view,
    ],
  },
  learning_and_development_officer: {
    name: "Learning and development officer",
    scope: "tenant",
    permissions: [
      people.view,
      people.viewOrganisation,
      platformPermissions.viewOutbox,
      learning.view,
      learning.manageCatalogue,
      learning.manageRequirements,
      learning.manageSessions,
      learning.bookForOthers,
      learning.viewRecords,
      learning.manageRecords,
      learning.recordPauses,
      learning.reportEvaluation,
      learning.recordNeeds,
      learning.analyseNeeds,
      cpd.own,
      performance.view,
    ],
  },
  asye_coordinator: {
    name: "ASYE co-ordinator",
    scope: "tenant",
    permissions: [
      people.view,
      people.viewOrganisation,
      learning.view,
      learning.viewRecords,
      cpd.own,
      cpd.viewPeople,
      earlyCareer.view,
      earlyCareer.assess,
      earlyCareer.manage,
    ],
  },
  // Their NQSWs: the enrolments that name them as assessor or mentor (the record decides).
  assessor: {
    name: "Assessor and mentor",
    scope: "self",
    permissions: [people.view, learning.view, cpd.own, earlyCareer.view, earlyCareer.assess],
  },
  // Their foster carers: households whose supervising social worker is in scope (themselves).
  supervising_social_worker: {
    name: "Supervising social worker",
    scope: "self",
    permissions: [people.view, learning.view, learning.bookForOthers, learning.viewRecords, cpd.own],
  },
  hr_workforce_analyst: {
    name: "HR and workforce analyst",
    scope: "unit",
    permissions: [
      learning.view,
      learning.viewRecords,
      learning.recordPauses,
      cpd.own,
      cpd.viewPeople,
      cpd.manageRegistration,
      earlyCareer.view,
      earlyCareer.progression,
      people.view,
      people.viewOrganisation,
      people.edit,
      people.viewEquality,
      people.reportEquality,
      people.manageFeeds,
      people.manageOrganisation,
      audit.view,
      dataProtection.subjectAccess,
      dataProtection.retention,
      supervision.view,
      supervision.manage,
      appraisal.view,
      appraisal.manage,
      caseloads.view,
      caseloads.record,
      caseloads.manage,
      workforce.view,
      workforce.manage,
      workforce.stay,
      workforce.recruit,
      performance.view,
      performance.manage,
    ],
  },
  quality_assurance_lead: {
    name: "Quality assurance lead",
    scope: "tenant",
    // The Principal Social Worker's role here: practice quality, CPD and registration readiness.
    permissions: [
      people.view,
      people.viewOrganisation,
      learning.view,
      learning.viewRecords,
      learning.reportEvaluation,
      cpd.own,
      cpd.viewPeople,
      earlyCareer.view,
      supervision.view,
      supervision.manage,
      supervision.observe,
      caseloads.view,
      workforce.view,
      performance.view,
    ],
  },
  senior_leader: {
    name: "Senior leader",
    scope: "unit",
    permissions: [
      people.view,
      people.viewOrganisation,
      people.reportEquality,
      learning.view,
      learning.viewRecords,
      learning.reportEvaluation,
      learning.analyseNeeds,
      cpd.own,
      cpd.viewPeople,
      earlyCareer.view,
      supervision.view,
      appraisal.view,
      caseloads.view,
      workforce.view,
      performance.view,
      performance.manage,
    ],
  },
  // Users, roles and configuration; not equality data.
  system_administrator: {
    name: "System administrator",
    scope: "tenant",
    permissions: [
      "users.manage",
      learning.view,
      people.view,
      people.viewOrganisation,
      people.manageOrganisation,
      people.manageFeeds,
      audit.view,
      dataProtection.retention,
      platformPermissions.viewJobs,
      platformPermissions.viewOutbox,
    ],
  },
  external_learner: { name: "External learner", scope: "self", permissions: [learning.view, cpd.own] },
});
