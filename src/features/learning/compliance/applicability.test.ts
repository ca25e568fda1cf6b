import { describe, expect, it } from "vitest";
import {
  type AssignmentFact,
  applies,
  type PersonFact,
  startedOn,
  UnitTree,
  type VersionFact,
  versionsFor,
} from "./applicability.js";

const version = (over: Partial<VersionFact> = {}): VersionFact => ({
  id: "v",
  requirementId: "r",
  validFrom: "2020-01-01",
  validTo: null,
  courseIds: ["c"],
  dueWithinDays: 90,
  renewEveryMonths: null,
  graceDays: 0,
  dueSoonDays: 30,
  personKinds: [],
  jobRoleIds: [],
  careerLevels: [],
  orgUnitIds: [],
  contractTypes: [],
  carerApprovalTypes: [],
  carersFromApproval: false,
  ...over,
});
const assignment = (over: Partial<AssignmentFact> = {}): AssignmentFact => ({
  id: "a",
  personId: "p",
  orgUnitId: "team",
  jobRoleId: "sw",
  careerLevel: "experienced",
  contractType: "permanent",
  fte: 1,
  lineManagerPersonId: null,
  validFrom: "2023-01-01",
  validTo: null,
  ...over,
});
const staff = (over: Partial<PersonFact> = {}): PersonFact => ({
  id: "p",
  kind: "staff",
  startedOn: null,
  createdOn: "2022-05-05",
  anonymisedOn: null,
  household: null,
  assignments: [assignment()],
  ...over,
});
// The team sat under service A until the end of 2024, then under service B.
const units = [
  { orgUnitId: "top", parentId: null, validFrom: "2020-01-01", validTo: null },
  { orgUnitId: "A", parentId: "top", validFrom: "2020-01-01", validTo: null },
  { orgUnitId: "B", parentId: "top", validFrom: "2020-01-01", validTo: null },
  { orgUnitId: "team", parentId: "A", validFrom: "2020-01-01", validTo: "2024-12-31" },
  { orgUnitId: "team", parentId: "B", validFrom: "2025-01-01", validTo: null },
];
const on = (date: string) => new UnitTree(units, date);

describe("who a requirement applies to", () => {
  it("matches staff by the assignment in force and the organisation as at the date", () => {
    const v = version({ orgUnitIds: ["A"], jobRoleIds: ["sw"], contractTypes: ["permanent"] });
    expect(applies(v, staff(), "2024-06-01", on("2024-06-01"))).toBe(true);
    expect(applies(v, staff(), "2025-06-01", on("2025-06-01"))).toBe(false);
    expect(applies(version({ orgUnitIds: ["top"] }), staff(), "2025-06-01", on("2025-06-01"))).toBe(true);
    expect(applies(version({ careerLevels: ["senior"] }), staff(), "2024-06-01", on("2024-06-01"))).toBe(
      false,
    );
    expect(applies(version({ contractTypes: ["agency"] }), staff(), "2024-06-01", on("2024-06-01"))).toBe(
      false,
    );
  });

  it("gives leavers, people not yet started and anonymised people nothing", () => {
    const leaver = staff({ assignments: [assignment({ validTo: "2024-02-29" })] });
    expect(applies(version(), leaver, "2024-02-29", on("2024-02-29"))).toBe(true);
    expect(applies(version(), leaver, "2024-03-01", on("2024-03-01"))).toBe(false);
    expect(applies(version(), staff(), "2022-12-31", on("2022-12-31"))).toBe(false);
    expect(applies(version(), staff({ anonymisedOn: "2025-01-01" }), "2024-06-01", on("2024-06-01"))).toBe(
      false,
    );
  });

  it("matches foster carers by approval, and never by staff lists", () => {
    const carer = staff({
      kind: "foster_carer",
      assignments: [],
      household: { approvalType: "connected_person", approvedOn: "2024-01-10", deregisteredOn: "2026-01-01" },
    });
    const tsd = version({
      personKinds: ["foster_carer"],
      carerApprovalTypes: ["connected_person"],
      carersFromApproval: true,
    });
    expect(applies(tsd, carer, "2024-06-01", on("2024-06-01"))).toBe(true);
    expect(applies(tsd, carer, "2024-01-09", on("2024-01-09"))).toBe(false);
    expect(applies(tsd, carer, "2026-01-01", on("2026-01-01"))).toBe(false);
    expect(
      applies(version({ carerApprovalTypes: ["mainstream"] }), carer, "2024-06-01", on("2024-06-01")),
    ).toBe(false);
    expect(applies(version({ jobRoleIds: ["sw"] }), carer, "2024-06-01", on("2024-06-01"))).toBe(false);
    expect(
      applies(version({ carerApprovalTypes: ["connected_person"] }), staff(), "2024-06-01", on("2024-06-01")),
    ).toBe(false);
    expect(startedOn(carer)).toBe("2024-01-10");
    expect(versionsFor([tsd], carer)[0]?.dueWithinDays).toBe(548);
    expect(versionsFor([version({ carersFromApproval: false })], carer)[0]?.dueWithinDays).toBe(90);
  });

  it("starts the clock on the start date, the first assignment, or a partner's record", () => {
    expect(startedOn(staff({ startedOn: "2022-09-01" }))).toBe("2022-09-01");
    expect(startedOn(staff({ assignments: [assignment({ validFrom: "2024-04-01" }), assignment()] }))).toBe(
      "2023-01-01",
    );
    const partner = staff({ kind: "partner_learner", assignments: [] });
    expect(startedOn(partner)).toBe("2022-05-05");
    expect(applies(version(), partner, "2024-06-01", on("2024-06-01"))).toBe(true);
    expect(applies(version({ orgUnitIds: ["A"] }), partner, "2024-06-01", on("2024-06-01"))).toBe(false);
  });
});
