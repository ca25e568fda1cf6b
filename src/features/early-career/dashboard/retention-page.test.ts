import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { addCohort, addEnrolment, addProgramme, fixtureCtx } from "./test-fixture.js";

/**
 * `/early-career/retention` on 23 November 2026:
 *   September 2022 intake: 6 passed on 1 September 2023; one left on 31 March 2025.
 *   September 2023 intake: 5 passed on 1 September 2024, all still employed.
 *   September 2024 intake: 2 passed on 1 September 2025 (fewer than 5), one failed, one active.
 */
describe("retention of past cohorts", () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const { id } = await seedPeopleFixture(t.app, t.tenantId);
    coordinator = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
    const { programmeId, versionId } = await addProgramme(t);
    let n = 0;
    const nqsw = async (validFrom: string, validTo: string | null = null) => {
      n += 1;
      return t.app.people.createPerson(
        fixtureCtx(t),
        { given_name: "Newly", family_name: `Qualified ${n}` },
        {
          org_unit_id: id.T1 as string,
          job_role_id: id.SW as string,
          contract_type: "permanent",
          fte: 1,
          valid_from: validFrom,
          valid_to: validTo,
        },
      );
    };
    const intake = async (
      name: string,
      intakeOn: string,
      outcomeOn: string,
      people: string[],
      status = "passed",
    ) => {
      const cohort = await addCohort(t, programmeId, name, intakeOn);
      for (const personId of people) {
        await addEnrolment(t, {
          cohortId: cohort,
          versionId,
          personId,
          startOn: intakeOn,
          endOn: outcomeOn,
          status: status as "passed",
          outcomeOn: status === "active" ? null : outcomeOn,
        });
      }
    };
    const y2022 = [];
    for (let i = 0; i < 5; i++) y2022.push(await nqsw("2022-09-05"));
    y2022.push(await nqsw("2022-09-05", "2025-03-31"));
    await intake("September 2022", "2022-09-05", "2023-09-01", y2022);
    const y2023 = [];
    for (let i = 0; i < 5; i++) y2023.push(await nqsw("2023-09-04"));
    await intake("September 2023", "2023-09-04", "2024-09-01", y2023);
    await intake("September 2024", "2024-09-02", "2025-09-01", [
      await nqsw("2024-09-02"),
      await nqsw("2024-09-02"),
    ]);
    await intake("March 2025", "2025-03-03", "2026-03-02", [await nqsw("2025-03-03")], "failed");
    await intake("September 2026", "2026-09-07", "2027-09-06", [await nqsw("2026-09-07")], "active");
  });
  afterAll(() => t.close());

  const table = (body: string) =>
    html(body)
      .querySelectorAll("[data-retention] tbody tr")
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));

  it("counts completers by intake year and who was still employed 1, 2 and 3 years on", async () => {
    const page = await t.app.inject({ url: "/early-career/retention", headers: { cookie: coordinator } });
    expect(page.statusCode).toBe(200);
    expect(table(page.body)).toEqual([
      ["2024 to 2025", "fewer than 5", "fewer than 5 reached this point", "not yet", "not yet"],
      ["2023 to 2024", "5", "5 of 5 still with us", "5 of 5 still with us", "not yet"],
      ["2022 to 2023", "6", "6 of 6 still with us", "5 of 6 still with us", "5 of 6 still with us"],
      [
        "All intakes",
        "13",
        "13 of 13 still with us",
        "10 of 11 still with us (the rest not yet)",
        "5 of 6 still with us (the rest not yet)",
      ],
    ]);
    const doc = html(page.body);
    expect(text(doc.querySelector("[data-chart=retention-chart]"))).toContain(
      "2022 to 2023, 2 years after: 83% (5 of 6 still with us)",
    );
    expect(page.body).toContain("Numbers from 1 to 4 show as");
  });

  it("fills in a year once it is reached", async () => {
    t.clock.set("2027-09-02T09:00:00Z");
    // A new session: the old one ended with the time that passed.
    const later = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
    const page = await t.app.inject({ url: "/early-career/retention", headers: { cookie: later } });
    expect(table(page.body)[1]).toEqual([
      "2023 to 2024",
      "5",
      "5 of 5 still with us",
      "5 of 5 still with us",
      "5 of 5 still with us",
    ]);
    t.clock.set("2026-11-23T09:00:00Z");
    coordinator = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
  });

  it("exports the same figures, suppressed", async () => {
    const csv = await t.app.inject({
      url: "/early-career/retention?format=csv",
      headers: { cookie: coordinator },
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toEqual([
      "Intake year,Completed,Still employed 1 year after,Still employed 2 years after,Still employed 3 years after",
      "2024 to 2025,fewer than 5,fewer than 5 reached this point,not yet,not yet",
      "2023 to 2024,5,5 of 5 still with us,5 of 5 still with us,not yet",
      "2022 to 2023,6,6 of 6 still with us,5 of 6 still with us,5 of 6 still with us",
      "All intakes,13,13 of 13 still with us,10 of 11 still with us (the rest not yet),5 of 6 still with us (the rest not yet)",
    ]);
  });
});
