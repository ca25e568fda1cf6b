/** What the learning feature's routes need. The policy module grants them to roles. */
export const learningPermissions = {
  /** The catalogue, sessions, one's own bookings, record and compliance: everyone who signs in. */
  view: "learning.view",
  /** Adding and changing courses: the learning and development team. */
  manageCatalogue: "learning.catalogue.manage",
  /** Mandatory requirements and their versions: the learning and development team. */
  manageRequirements: "learning.requirements.manage",
  /** Sessions, registers, cohort bookings, L&D approvals, the no-show report: the L&D team. */
  manageSessions: "learning.sessions.manage",
  /** Booking for the people in one's scope and approving their requests: managers, supervising SWs. */
  bookForOthers: "learning.book.others",
  /** People's learning records and compliance in one's scope (line managers up; HR; QA). */
  viewRecords: "learning.records.view",
  /** Exemptions, prior learning, pauses, verifying external learning, e-learning imports: L&D. */
  manageRecords: "learning.records.manage",
  /** Pauses (maternity leave, long sickness): HR as well as L&D. */
  recordPauses: "learning.pauses.manage",
  /** Evaluation reports per course, trainer and tier: L&D, the QA lead, senior leaders. */
  reportEvaluation: "learning.evaluation.report",
  /** Recording a team member's learning needs: managers, L&D. */
  recordNeeds: "learning.needs.record",
  /** The learning needs analysis against next year's places: L&D, service managers, senior leaders. */
  analyseNeeds: "learning.needs.analyse",
} as const;
