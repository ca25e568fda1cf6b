import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { demoSurveyAnswers } from "./demo.js";
import { programmeYearOf, SURVEY_JOB } from "./survey.js";
import { insertEnrolment } from "./test-fixture.js";

/**
 * The anonymous end-of-programme survey, with the clock at 23 November 2026:
 *   Alice  ASYE, passed 15 October 2026: invited, answers once
 *   Dan    ASYE, failed 1 November 2026: invited
 *   Bob    ASYE, still active: not invited
 *   Eve    ASYE, passed June 2025: too long ago to invite
 */
describe("the end-of-programme survey", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let asyeId: string;
  const id = (key: string) => f.id[key] as string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const nqsw = (key: string) =>
    t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id(key) });
  const coordinator = () => t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
  const invitations = () =>
    t.database.db
      .selectFrom("early_career_survey_invitations")
      .select(["enrolment_id", "responded"])
      .execute();
  const emails = () =>
    t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "body"])
      .where("reference", "like", "early-career-survey:%")
      .orderBy("to_address")
      .execute();
  const responses = () => t.database.db.selectFrom("early_career_survey_responses").selectAll().execute();
  const answers = {
    overall: "4",
    assessor_support: "well",
    protection_kept: "partly",
    recommend: "yes",
    worked_well: "My assessor's observations",
    should_change: "Fewer duty weeks",
  };
  let enrolments: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    await t.app.platform.data.run(f.ctx, (db) =>
      db.updateTable("people").set({ email: "dan.davis@example.org" }).where("id", "=", id("dan")).execute(),
    );
    await t.app.earlyCareerProgrammes.ensureShipped(f.ctx);
    asyeId = (await t.app.earlyCareerProgrammes.list(f.ctx)).find((p) => p.code === "ASYE")?.id ?? "";
    const v = await t.app.earlyCareerProgrammes.currentVersion(f.ctx, asyeId);
    const enrol = (
      key: string,
      status: "active" | "passed" | "failed",
      outcomeOn: string | null,
      startOn = "2025-09-01",
    ) =>
      insertEnrolment(t.app, f.ctx, {
        programmeId: asyeId,
        versionId: v?.id ?? "",
        personId: id(key),
        status,
        outcomeOn,
        startOn,
      });
    enrolments = {
      alice: await enrol("alice", "passed", "2026-10-15"),
      dan: await enrol("dan", "failed", "2026-11-01"),
      bob: await enrol("bob", "active", null),
      eve: await enrol("eve", "passed", "2025-06-01", "2024-06-01"),
    };
  });
  afterAll(() => t.close());

  it("names the programme year by September to August", () => {
    expect(programmeYearOf("2026-08-31")).toBe("2025 to 2026");
    expect(programmeYearOf("2026-09-01")).toBe("2026 to 2027");
    expect(programmeYearOf("2027-03-10")).toBe("2026 to 2027");
  });

  it("invites each NQSW whose programme ended, once, from the daily job", async () => {
    await t.app.platform.jobs.tick();
    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    const first = await invitations();
    expect(first.map((i) => i.enrolment_id).sort()).toEqual([enrolments.alice, enrolments.dan].sort());
    const sent = await emails();
    expect(sent.map((m) => [m.to_address, m.subject])).toEqual([
      ["alice.adams@example.org", "Tell us about your Assessed and Supported Year in Employment"],
      ["dan.davis@example.org", "Tell us about your Assessed and Supported Year in Employment"],
    ]);
    expect(sent[0]?.body).toContain("Your answers are anonymous");

    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    expect(await invitations()).toHaveLength(2);
    expect(await emails()).toHaveLength(2);
    const runs = await t.database.db
      .selectFrom("job_schedules")
      .select("name")
      .where("name", "=", SURVEY_JOB)
      .execute();
    expect(runs).toHaveLength(1);
  });

  it("shows the questionnaire only to an invited NQSW, and refuses an answer from anyone else", async () => {
    const bob = await nqsw("bob");
    const page = await get("/early-career/survey", bob);
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelector('[data-state="none"]')).not.toBeNull();
    const refused = await formPost(t.app, "/early-career/survey", bob, answers);
    expect(refused.statusCode).toBe(403);
    expect(await responses()).toHaveLength(0);
  });

  it("shows every missing answer at once and writes nothing", async () => {
    const alice = await nqsw("alice");
    const res = await formPost(t.app, "/early-career/survey", alice, {});
    expect(res.statusCode).toBe(400);
    expect(
      html(res.body)
        .querySelectorAll(".govuk-error-summary__list a")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["#overall", "#assessor_support", "#protection_kept", "#recommend"]);
    expect(await responses()).toHaveLength(0);
  });

  it("stores an answer with no link to the person, outside the audit trail, and only once", async () => {
    const alice = await nqsw("alice");
    const form = await get("/early-career/survey", alice);
    expect(html(form.body).querySelector("form #overall")).not.toBeNull();
    const token = await csrfTokenFrom(t.app, "/early-career/survey", alice);
    const res = await formPost(t.app, "/early-career/survey", alice, answers);
    expect(res.statusCode).toBe(303);

    const stored = await responses();
    expect(stored).toHaveLength(1);
    const row = stored[0] as Record<string, unknown>;
    // Only the programme, its year and the answers: no person, enrolment or time.
    expect(Object.keys(row).sort()).toEqual(["answers", "id", "programme_id", "programme_year", "tenant_id"]);
    expect(row.programme_id).toBe(asyeId);
    expect(row.programme_year).toBe("2026 to 2027");
    expect(row.answers).toEqual({
      overall: 4,
      assessor_support: "well",
      protection_kept: "partly",
      recommend: "yes",
      worked_well: "My assessor's observations",
      should_change: "Fewer duty weeks",
    });
    expect(JSON.stringify(row)).not.toContain(id("alice"));
    const audited = await t.database.db
      .selectFrom("audit_events")
      .select("id")
      .where("table_name", "in", ["early_career_survey_responses", "early_career_survey_invitations"])
      .execute();
    // Neither the answer nor the invitation marked "responded" (who, and when) is in the trail.
    expect(audited).toHaveLength(0);
    const mine = (await invitations()).find((i) => i.enrolment_id === enrolments.alice);
    expect(mine?.responded).toBe(true);

    const after = await get("/early-career/survey", alice);
    expect(html(after.body).querySelector('[data-state="answered"]')).not.toBeNull();
    const again = await t.app.inject({
      method: "POST",
      url: "/early-career/survey",
      headers: { cookie: alice, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...answers, _csrf: token }).toString(),
    });
    expect(again.statusCode).toBe(403);
    expect(await responses()).toHaveLength(1);
  });

  it("reports a programme year only when at least 5 answered, and exports the counts only", async () => {
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("early_career_survey_responses")
        .values(
          demoSurveyAnswers.slice(0, 5).map((a) => ({
            programme_id: asyeId,
            programme_year: "2025 to 2026",
            answers: JSON.stringify(a),
          })),
        )
        .execute(),
    );
    const cookie = await coordinator();
    const res = await get("/early-career/survey/report", cookie);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    const small = page.querySelector('[data-group="Assessed and Supported Year in Employment 2026 to 2027"]');
    expect(text(small)).toContain("fewer than 5 responses: not shown");
    expect(text(small)).not.toContain("Fewer duty weeks");
    expect(small?.querySelector("table")).toBeNull();

    const shown = page.querySelector('[data-group="Assessed and Supported Year in Employment 2025 to 2026"]');
    expect(text(shown)).toContain("5 responses");
    const overall = shown
      ?.querySelectorAll('[data-table="overall"] tbody tr')
      .map((r) => r.querySelectorAll("th, td").map((c) => text(c)));
    expect(overall).toEqual([
      ["1 (very poor)", "0", "0%"],
      ["2 (poor)", "0", "0%"],
      ["3 (fair)", "1", "20%"],
      ["4 (good)", "2", "40%"],
      ["5 (very good)", "2", "40%"],
    ]);
    expect(shown?.querySelectorAll('[data-list="worked-well"] li')).toHaveLength(5);

    const csv = await get("/early-career/survey/report?format=csv", cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(
      "Assessed and Supported Year in Employment,2025 to 2026,5,Overall rating,4 (good),2",
    );
    expect(csv.body).toContain("2026 to 2027,fewer than 5,fewer than 5 responses: not shown");
    expect(csv.body).not.toContain("Signs of Safety");
    expect(csv.body).not.toContain("Fewer duty weeks");
  });

  it("keeps the report from NQSWs and managers", async () => {
    expect((await get("/early-career/survey/report", await nqsw("alice"))).statusCode).toBe(403);
    const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S1") }] });
    expect((await get("/early-career/survey/report", manager)).statusCode).toBe(403);
    const lnd = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
    expect((await get("/early-career/survey", lnd)).statusCode).toBe(403);
  });
});
