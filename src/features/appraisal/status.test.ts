import { describe, expect, it } from "vitest";
import { completionRows } from "./completion.js";
import { appraisalStatus, statusText } from "./status.js";

const cycle = { objectivesDueOn: "2026-06-30", midYearDueOn: "2026-10-31", completionDueOn: "2027-03-31" };
const none = { started: false, objectivesAgreedOn: null, midYearOn: null, completedOn: null };

describe("appraisal status", () => {
  it("is not started and not overdue before the objectives are due", () => {
    expect(appraisalStatus(null, cycle, "2026-06-30")).toEqual({ stage: "not_started", overdue: [] });
  });

  it("flags each stage the day after its due date", () => {
    expect(appraisalStatus(null, cycle, "2026-07-01").overdue).toEqual(["objectives"]);
    const agreed = { ...none, started: true, objectivesAgreedOn: "2026-05-01" };
    expect(appraisalStatus(agreed, cycle, "2026-10-31")).toEqual({ stage: "objectives_agreed", overdue: [] });
    expect(appraisalStatus(agreed, cycle, "2026-11-01").overdue).toEqual(["mid_year"]);
    const midYear = { ...agreed, midYearOn: "2026-10-01" };
    expect(appraisalStatus(midYear, cycle, "2027-04-01")).toEqual({
      stage: "mid_year_done",
      overdue: ["completion"],
    });
    expect(statusText(appraisalStatus(midYear, cycle, "2027-04-01"))).toBe(
      "Mid-year done; overdue: completion",
    );
  });

  it("is never overdue once completed", () => {
    const done = {
      started: true,
      objectivesAgreedOn: "2026-05-01",
      midYearOn: "2026-10-01",
      completedOn: "2027-03-01",
    };
    expect(appraisalStatus(done, cycle, "2027-06-01")).toEqual({ stage: "completed", overdue: [] });
  });
});

describe("completion by unit", () => {
  const units = [
    { orgUnitId: "d", parentId: null, name: "Directorate", unitType: "directorate" },
    { orgUnitId: "s1", parentId: "d", name: "Safeguarding", unitType: "service" },
    { orgUnitId: "t1", parentId: "s1", name: "Assessment", unitType: "team" },
    { orgUnitId: "t2", parentId: "s1", name: "Family Support", unitType: "team" },
    { orgUnitId: "s2", parentId: "d", name: "Early Help", unitType: "service" },
  ];
  const person = (unit: string, stage: number) => ({
    orgUnitId: unit,
    appraisalId: stage > 0 ? "a" : null,
    objectivesAgreedOn: stage > 1 ? "2026-05-01" : null,
    midYearOn: stage > 2 ? "2026-10-01" : null,
    completedOn: stage > 3 ? "2027-03-01" : null,
  });
  const people = [
    ...Array.from({ length: 6 }, () => person("t1", 4)),
    ...Array.from({ length: 4 }, () => person("t2", 2)),
    ...Array.from({ length: 3 }, () => person("s2", 0)),
    person("d", 4),
  ];

  it("counts by service, hiding small numbers and the rate they would give away", () => {
    const { rows, total } = completionRows(people, units, null, "2027-03-31");
    expect(rows.map((r) => r.name)).toEqual(["Early Help", "Safeguarding", "Not in a service"]);
    const safeguarding = rows[1];
    expect(safeguarding?.counts).toEqual({
      people: 10,
      started: 10,
      objectivesAgreed: 10,
      midYearDone: 6,
      completed: 6,
    });
    expect(safeguarding?.rate).toBe(60);
    expect(safeguarding?.drillable).toBe(true);
    const earlyHelp = rows[0];
    expect(earlyHelp?.suppressed).toBe(true);
    expect(earlyHelp?.cells.people).toMatchObject({ suppressed: true });
    expect(earlyHelp?.cells.completed).toEqual({ value: 0, suppressed: false });
    expect(earlyHelp?.rate).toBeNull();
    expect(total.counts.people).toBe(14);
    expect(total.rate).toBe(50);
  });

  it("drills into a service's teams, counting only what was done by the date", () => {
    const { rows, total } = completionRows(people, units, "s1", "2026-12-31");
    expect(rows.map((r) => [r.name, r.counts.people, r.counts.completed])).toEqual([
      ["Assessment", 6, 0],
      ["Family Support", 4, 0],
    ]);
    expect(rows[0]?.rate).toBe(0);
    expect(total.counts.people).toBe(10);
  });
});
