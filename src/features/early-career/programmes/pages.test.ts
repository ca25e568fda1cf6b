import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { milestoneLines, rhythmLines, standardLines } from "./definition.js";
import { shippedAsye } from "./shipped.js";
import { insertEnrolment } from "./test-fixture.js";

/** The programme template pages: the list, adding the shipped ones, a programme, new and edit. */
describe("early career programme pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let coordinator: string;
  let ctx: TenantContext;
  const as = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(role);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => [text(a), a.getAttribute("href")]);
  const versionCount = async () =>
    (await t.database.db.selectFrom("early_career_programme_versions").select("id").execute()).length;
  const programmeId = async (code: string) =>
    (
      await t.database.db
        .selectFrom("early_career_programmes")
        .select("id")
        .where("code", "=", code)
        .where("tenant_id", "=", t.tenantId)
        .executeTakeFirstOrThrow()
    ).id;

  /** The edit form's fields for a content, as a browser sends them. */
  const fieldsOf = (overrides: Record<string, string> = {}) => ({
    name: shippedAsye.name,
    length_months: "12",
    max_months: "24",
    milestones: milestoneLines(shippedAsye.milestones),
    standards: standardLines(shippedAsye.standards),
    supervision_rhythm: rhythmLines(shippedAsye.supervisionRhythm),
    min_observation: "3",
    min_reflection: "1",
    min_feedback_people: "1",
    min_feedback_professional: "1",
    min_training: "0",
    min_other: "",
    protected_caseload_percent: "90",
    protected_caseload_children: "",
    protected_time_percent: "10",
    ...overrides,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    coordinator = await as("asye_coordinator");
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
  });
  afterAll(() => t.close());

  it("offers the shipped programmes when there are none, and adds them once", async () => {
    const empty = await get("/early-career/programmes", coordinator);
    expect(empty.statusCode).toBe(200);
    const button = html(empty.body).querySelector('form[action="/early-career/programmes/shipped"] button');
    expect(text(button)).toBe("Add the shipped programmes");

    const added = await formPost(
      t.app,
      "/early-career/programmes/shipped",
      coordinator,
      {},
      {
        pageUrl: "/early-career/programmes",
      },
    );
    expect(added.statusCode).toBe(303);
    const list = await get("/early-career/programmes", coordinator);
    const rows = html(list.body)
      .querySelectorAll('[data-table="programmes"] tbody tr')
      .map((r) => r.querySelectorAll("th, td").map((c) => text(c)));
    expect(rows).toEqual([
      ["Assessed and Supported Year in Employment", "ASYE", "1", "12 months", "0"],
      ["Early Career Development Programme", "ECDP", "1", "24 months", "0"],
    ]);
    expect(html(list.body).querySelector('form[action="/early-career/programmes/shipped"]')).toBeNull();
    expect(await t.app.earlyCareerProgrammes.ensureShipped(ctx)).toBe(0);
    const csv = await get("/early-career/programmes?format=csv", coordinator);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("ECDP,Early Career Development Programme,1,24,30");
  });

  it("shows the current version: milestones with their timing, standards, evidence, supervision, protection", async () => {
    const res = await get(`/early-career/programmes/${await programmeId("ASYE")}`, coordinator);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    const milestones = page
      .querySelectorAll('[data-table="milestones"] tbody tr')
      .map((r) => r.querySelectorAll("th, td").map((c) => text(c)));
    expect(milestones[0]).toEqual([
      "Support and assessment agreement",
      "Support and assessment agreement",
      "4 weeks",
      "AGREE",
    ]);
    expect(milestones[3]).toEqual(["9-month review Optional", "Review", "9 months", "R9"]);
    expect(page.querySelectorAll('[data-framework="PCF-ASYE"] .govuk-summary-list__row')).toHaveLength(9);
    expect(page.querySelectorAll('[data-framework="KSS-CFP"] .govuk-summary-list__row')).toHaveLength(10);
    expect(text(page.querySelector('[data-list="evidence"]'))).toContain("Direct observation At least 3");
    expect(text(page.querySelector('[data-list="supervision"]'))).toContain(
      "Every 2 weeks Until 6 months from the start",
    );
    expect(text(page.querySelector('[data-list="protection"]'))).toContain(
      "90% of the role's caseload target in the team",
    );
    expect(page.querySelectorAll('[data-table="versions"] tbody tr')).toHaveLength(1);
  });

  it("saves an edit as a new version, and an enrolment keeps the version it started on", async () => {
    const id = await programmeId("ASYE");
    const v1 = await t.app.earlyCareerProgrammes.currentVersion(ctx, id);
    if (!v1) throw new Error("no version");
    const pat = f.roles.practitioner?.personId ?? "";
    const enrolment = await insertEnrolment(t.app, ctx, { programmeId: id, versionId: v1.id, personId: pat });

    const res = await formPost(
      t.app,
      `/early-career/programmes/${id}/edit`,
      coordinator,
      fieldsOf({
        milestones: `${milestoneLines(shippedAsye.milestones)}\nR10 | 10-month check-in | review | 10 months`,
        protected_caseload_percent: "",
        protected_caseload_children: "14",
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/early-career/programmes/${id}`);

    const v2 = await t.app.earlyCareerProgrammes.currentVersion(ctx, id);
    expect(v2?.version).toBe(2);
    expect(v2?.milestones.at(-1)).toEqual({
      code: "R10",
      name: "10-month check-in",
      kind: "review",
      at: { months: 10 },
    });
    expect([v2?.protectedCaseloadPercent, v2?.protectedCaseloadChildren]).toEqual([null, 14]);
    const stored = await t.database.db
      .selectFrom("early_career_enrolments")
      .select("programme_version_id")
      .where("id", "=", enrolment)
      .executeTakeFirstOrThrow();
    expect(stored.programme_version_id).toBe(v1.id);
    const kept = await t.app.earlyCareerProgrammes.version(ctx, v1.id);
    expect(kept?.milestones).toHaveLength(7);

    const page = html((await get(`/early-career/programmes/${id}`, coordinator)).body);
    expect(text(page.querySelector(".govuk-notification-banner"))).toContain("Version 2 saved");
    const versions = page
      .querySelectorAll('[data-table="versions"] tbody tr')
      .map((r) => r.querySelectorAll("td").map((c) => text(c)));
    expect(versions.map((v) => [v[0], v[4]])).toEqual([
      ["2 Current", "0"],
      ["1", "1"],
    ]);

    // Saving with nothing changed makes no version.
    const again = await formPost(
      t.app,
      `/early-career/programmes/${id}/edit`,
      coordinator,
      fieldsOf({
        milestones: `${milestoneLines(shippedAsye.milestones)}\nR10 | 10-month check-in | review | 10 months`,
        protected_caseload_percent: "",
        protected_caseload_children: "14",
      }),
    );
    expect(again.statusCode).toBe(303);
    expect((await t.app.earlyCareerProgrammes.currentVersion(ctx, id))?.version).toBe(2);
  });

  it("refuses a bad milestone line with the error summary, and writes nothing", async () => {
    const id = await programmeId("ASYE");
    const before = await versionCount();
    const res = await formPost(
      t.app,
      `/early-career/programmes/${id}/edit`,
      coordinator,
      fieldsOf({
        milestones: "AGREE | Agreement | agreement | 4 weeks\nR3 | 3-month review | review | three months",
        supervision_rhythm: "weekly",
        min_observation: "lots",
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(html(res.body).querySelector("title")?.text).toMatch(/^Error: /);
    expect(errorSummary(res.body)).toEqual([
      ['Milestone line 2: enter the timing like "3 months" or "4 weeks"', "#milestones"],
      ["The minimum must be a whole number from 0 to 50", "#min_observation"],
      [
        'Supervision line 1: write it like "every 2 weeks until 6 months" or "every 1 month"',
        "#supervision_rhythm",
      ],
    ]);
    // What was typed is put back.
    expect(html(res.body).querySelector("#milestones")?.text).toContain("three months");
    expect(await versionCount()).toBe(before);
  });

  it("adds a new programme, refusing a code already used", async () => {
    const form = await get("/early-career/programmes/new", coordinator);
    expect(form.statusCode).toBe(200);
    expect(html(form.body).querySelector("#milestones")?.text).toContain(
      "R3 | 3-month review | review | 3 months",
    );
    const before = await versionCount();
    const clash = await formPost(
      t.app,
      "/early-career/programmes/new",
      coordinator,
      fieldsOf({ code: "asye", name: "Another" }),
    );
    expect(clash.statusCode).toBe(400);
    expect(errorSummary(clash.body)).toEqual([["Another programme has this code", "#code"]]);
    expect(await versionCount()).toBe(before);

    const made = await formPost(
      t.app,
      "/early-career/programmes/new",
      coordinator,
      fieldsOf({ code: "ASYE-PT", name: "ASYE for apprentices", length_months: "18" }),
    );
    expect(made.statusCode).toBe(303);
    const id = await programmeId("ASYE-PT");
    expect(made.headers.location).toBe(`/early-career/programmes/${id}`);
    expect((await t.app.earlyCareerProgrammes.currentVersion(ctx, id))?.lengthMonths).toBe(18);
  });

  it("is the co-ordinator's alone; another council's programme is not found", async () => {
    for (const role of ["practitioner", "assessor", "line_manager", "quality_assurance_lead"]) {
      expect((await get("/early-career/programmes", await as(role))).statusCode, role).toBe(403);
    }
    const pat = await as("practitioner");
    const id = await programmeId("ASYE");
    expect((await get(`/early-career/programmes/${id}`, pat)).statusCode).toBe(403);
    expect((await get(`/early-career/programmes/${id}/edit`, pat)).statusCode).toBe(403);

    const other = await t.database.db
      .selectFrom("people")
      .select("tenant_id")
      .where("id", "=", f.other.person)
      .executeTakeFirstOrThrow();
    const otherCtx = { tenantId: other.tenant_id, actor: { id: "system:test" } };
    await t.app.earlyCareerProgrammes.ensureShipped(otherCtx);
    const theirs = (await t.app.earlyCareerProgrammes.list(otherCtx))[0]?.id ?? "";
    expect((await get(`/early-career/programmes/${theirs}`, coordinator)).statusCode).toBe(404);
    expect((await get(`/early-career/programmes/${theirs}/edit`, coordinator)).statusCode).toBe(404);
    expect((await get("/early-career/programmes/not-a-uuid", coordinator)).statusCode).toBe(404);
  });
});
