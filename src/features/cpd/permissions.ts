/** What the CPD feature's routes need. The policy module grants them to roles. */
export const cpdPermissions = {
  /** One's own CPD log, Social Work England readiness and the year's download: everyone with a record. */
  own: "cpd.own",
  /** The readiness and shared CPD of the people in one's scope: managers, the PSW (QA lead), HR. */
  viewPeople: "cpd.people.view",
  /** Recording Social Work England register statuses by hand and the register check: HR. */
  manageRegistration: "cpd.registration.manage",
} as const;
