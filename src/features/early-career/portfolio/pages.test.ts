import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { addEnrolment, addProgramme, fixtureContext, multipartBody } from "./test-fixture.js";

const LIMIT = 64 * 1024;
const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

/** The portfolio's pages: evidence, coverage, files, submission, sign-off and the panel. */
describe("early career portfolio pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let pat: string; // the NQSW
  let bob: string; // Pat's assessor
  let lina: string; // Pat's line manager
  let otherAssessor: string;
  let coordinator: string;
  let patEnrolment: string;
  let seanEnrolment: string;
  let patId: string;

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const base = () => `/early-career/enrolments/${patEnrolment}/portfolio`;
  const evidenceCount = async () =>
    (
      await t.database.db
        .selectFrom("early_career_evidence")
        .select("id")
        .where("enrolment_id", "=", patEnrolment)
        .execute()
    ).length;
  const observation = (n: number) => ({
    kind: "observation",
    title: `Observed home visit ${n}`,
    "occurred_on-day": String(n),
    "occurred_on-month": "10",
    "occurred_on-year": "2026",
    observer_name: "Bob Assessor",
    summary: "Warm, direct work with the family",
    standards: "PCF-1",
  });
  const reflection = {
    kind: "reflection",
    title: "Reflection on a strategy meeting",
    "occurred_on-day": "12",
    "occurred_on-month": "10",
    "occurred_on-year": "2026",
  };
  /** Posts the reflection tagged to two standards (the form repeats the field). */
  const postReflection = async (cookie: string) => {
    const token = await csrfTokenFrom(t.app, `${base()}/evidence/new`, cookie);
    const body = new URLSearchParams({ ...reflection, _csrf: token });
    body.append("standards", "PCF-2");
    body.append("standards", "KSS-1");
    return t.app.inject({
      method: "POST",
      url: `${base()}/evidence/new`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
  };
  const upload = async (
    cookie: string,
    url: string,
    fields: Record<string, string | string[]>,
    file?: { name: string; content: Buffer | string; type?: string },
  ) => {
    const token = await csrfTokenFrom(t.app, url, cookie);
    const { payload, contentType } = await multipartBody({ _csrf: token, ...fields }, file);
    return t.app.inject({ method: "POST", url, headers: { cookie, "content-type": contentType }, payload });
  };

  beforeAll(async () => {
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
    f = await seedAccessFixture(t);
    const role = (name: string) => {
      const r = f.roles[name];
      if (!r?.personId) throw new Error(name);
      return r;
    };
    patId = role("practitioner").personId as string;
    const bobId = role("assessor").personId as string;
    const linaId = role("line_manager").personId as string;
    const sean = await t.database.db
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", "Sean")
      .executeTakeFirstOrThrow();
    const alice = await t.database.db
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", "Alice")
      .executeTakeFirstOrThrow();
    const programme = await addProgramme(t.app, t.tenantId);
    patEnrolment = await addEnrolment(t.app, t.tenantId, programme, {
      person: patId,
      assessor: bobId,
      lineManager: linaId,
    });
    seanEnrolment = await addEnrolment(t.app, t.tenantId, programme, { person: sean.id, assessor: alice.id });
    pat = await t.signIn({ roles: role("practitioner").grants, personId: patId });
    bob = await t.signIn({ roles: role("assessor").grants, personId: bobId });
    lina = await t.signIn({ roles: role("line_manager").grants, personId: linaId });
    otherAssessor = await t.signIn({ roles: [{ role: "assessor", unitId: null }], personId: alice.id });
    coordinator = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }], personId: null });
  });
  afterAll(() => t.close());

  it("shows an empty portfolio: no standard has evidence and no minimum is met", async () => {
    const page = await get(base(), pat);
    expect(page.statusCode).toBe(200);
    const doc = html(page.body);
    expect(text(doc.querySelector("h1"))).toBe("Portfolio");
    expect(text(doc.querySelector("#coverage-summary"))).toContain("0 of 3 standards have evidence");
    expect(page.body.match(/No evidence yet/g)?.length).toBeGreaterThanOrEqual(3);
    const minimum = doc.querySelectorAll("#minimum-evidence li").map((li) => text(li));
    expect(minimum).toEqual(["Direct observations 0 of 3 Not met", "Critical reflections 0 of 1 Not met"]);
  });

  it("refuses an empty form with every problem shown, and writes nothing", async () => {
    const bad = await formPost(t.app, `${base()}/evidence/new`, bob, {});
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      "Select the kind of evidence",
      "Enter a title",
      "Enter the date",
      "Select at least one standard it evidences",
    ]);
    expect(text(html(bad.body).querySelector("title"))).toMatch(/^Error: /);
    const noObserver = await formPost(t.app, `${base()}/evidence/new`, bob, {
      ...observation(1),
      observer_name: "",
    });
    expect(errorSummary(noObserver.body)).toEqual(["Enter the name of the observer"]);
    const future = await formPost(t.app, `${base()}/evidence/new`, bob, {
      ...observation(1),
      "occurred_on-month": "12",
    });
    expect(errorSummary(future.body)).toEqual(["The date must be today or in the past"]);
    const unknown = await formPost(t.app, `${base()}/evidence/new`, bob, {
      ...observation(1),
      standards: "XYZ-9",
    });
    expect(errorSummary(unknown.body)).toEqual(["Select standards from the programme's list"]);
    expect(await evidenceCount()).toBe(0);
  });

  it("the assessor records three direct observations and the coverage shows 3 of 3", async () => {
    const form = await get(`${base()}/evidence/new?kind=observation`, bob);
    expect(form.statusCode).toBe(200);
    expect(text(html(form.body).querySelector("h1"))).toBe("Record a direct observation");
    for (const n of [1, 2, 3]) {
      const res = await formPost(t.app, `${base()}/evidence/new`, bob, observation(n));
      expect(res.statusCode).toBe(303);
    }
    const rows = await t.database.db
      .selectFrom("early_career_evidence")
      .select(["kind", "added_as", "observer_name", "standards"])
      .where("enrolment_id", "=", patEnrolment)
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.kind === "observation" && r.added_as === "assessor")).toBe(true);
    const page = html((await get(base(), bob)).body);
    expect(page.querySelectorAll("#minimum-evidence li").map((li) => text(li))[0]).toBe(
      "Direct observations 3 of 3 Met",
    );
    expect(text(page.querySelector("#coverage-summary"))).toContain("1 of 3 standards have evidence");
  });

  it("the NQSW adds a critical reflection tagged to two standards", async () => {
    const res = await postReflection(pat);
    expect(res.statusCode).toBe(303);
    const item = await t.database.db
      .selectFrom("early_career_evidence")
      .selectAll()
      .where("kind", "=", "reflection")
      .executeTakeFirstOrThrow();
    expect(item.standards).toEqual(["PCF-2", "KSS-1"]);
    expect(item.added_as).toBe("nqsw");
    expect(item.added_by_person_id).toBe(patId);
    const page = html((await get(base(), pat)).body);
    expect(text(page.querySelector("#coverage-summary"))).toContain("3 of 3 standards have evidence");
    expect(text(page.querySelector("#coverage-summary"))).toContain("Complete");
    expect(text(page.querySelector("#evidence-table"))).toContain("Reflection on a strategy meeting");
  });

  it("filters the evidence by kind and standard and downloads it", async () => {
    const byKind = html((await get(`${base()}?kind=reflection`, pat)).body);
    const titles = byKind.querySelectorAll("#evidence-table tbody tr").map((r) => text(r));
    expect(titles).toHaveLength(1);
    const byStandard = html((await get(`${base()}?standard=PCF-1`, pat)).body);
    expect(byStandard.querySelectorAll("#evidence-table tbody tr")).toHaveLength(3);
    const csv = await get(`${base()}?format=csv&kind=observation`, bob);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Observed home visit 2");
    expect(csv.body).not.toContain("Reflection on a strategy meeting");
    const xlsx = await get(`${base()}?format=xlsx`, bob);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("refuses a direct observation from the NQSW with 403, and writes nothing", async () => {
    const before = await evidenceCount();
    expect((await get(`${base()}/evidence/new?kind=observation`, pat)).statusCode).toBe(403);
    const res = await formPost(t.app, `${base()}/evidence/new`, pat, observation(4), {
      pageUrl: `${base()}/evidence/new`,
    });
    expect(res.statusCode).toBe(403);
    const form = html((await get(`${base()}/evidence/new`, pat)).body);
    expect(form.querySelector('input[name="kind"][value="observation"]')).toBeNull();
    expect(await evidenceCount()).toBe(before);
  });

  it("lets the NQSW see only their own portfolio, and the assessor only their NQSWs'", async () => {
    expect((await get(`/early-career/enrolments/${seanEnrolment}/portfolio`, pat)).statusCode).toBe(404);
    expect((await get(base(), otherAssessor)).statusCode).toBe(404);
    expect((await get(`${base()}/evidence/new`, otherAssessor)).statusCode).toBe(404);
    expect((await get(`/early-career/enrolments/${seanEnrolment}/portfolio`, otherAssessor)).statusCode).toBe(
      200,
    );
    expect((await get(`/early-career/enrolments/${seanEnrolment}/portfolio`, bob)).statusCode).toBe(404);
    expect((await get(`/early-career/enrolments/not-a-uuid/portfolio`, pat)).statusCode).toBe(404);
  });

  it("lets the line manager read the portfolio but not add to it (403)", async () => {
    expect((await get(base(), lina)).statusCode).toBe(200);
    expect((await get(`${base()}/evidence/new`, lina)).statusCode).toBe(403);
    const res = await formPost(t.app, `${base()}/evidence/new`, lina, reflection, { pageUrl: "/reference" });
    expect(res.statusCode).toBe(403);
  });

  it("stores an evidence file checked by content and downloads it as an attachment", async () => {
    const url = `${base()}/evidence/new`;
    const fields = {
      ...reflection,
      title: "Feedback from the family",
      kind: "feedback_people",
      standards: ["PCF-1", "KSS-1"],
    };
    const refused = await upload(pat, url, fields, { name: "feedback.pdf", content: "not really a pdf" });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      "The selected file must be a PDF, Word document (.docx), PNG or JPEG image, or plain text file",
    ]);
    const exe = await upload(pat, url, fields, { name: "feedback.exe", content: "MZ" });
    expect(exe.statusCode).toBe(400);
    expect(
      await t.database.db
        .selectFrom("early_career_evidence")
        .select("id")
        .where("title", "=", fields.title)
        .execute(),
    ).toHaveLength(0);

    const ok = await upload(pat, url, fields, {
      name: "feedback.pdf",
      content: pdf,
      type: "application/pdf",
    });
    expect(ok.statusCode).toBe(303);
    const itemUrl = String(ok.headers.location);
    const stored = await t.database.db
      .selectFrom("early_career_evidence")
      .select(["standards", "stored_file_id"])
      .where("title", "=", fields.title)
      .executeTakeFirstOrThrow();
    expect(stored.standards).toEqual(["PCF-1", "KSS-1"]);
    expect(stored.stored_file_id).not.toBeNull();
    const item = html((await get(itemUrl, bob)).body);
    const link = item.querySelector('a[href$="/file"]');
    expect(text(link)).toBe("feedback.pdf");
    const file = await get(`${itemUrl}/file`, bob);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="feedback.pdf"/);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await get(`${itemUrl}/file`, otherAssessor)).statusCode).toBe(404);
  });

  it("lets the NQSW change and remove their own evidence but not the assessor's", async () => {
    const items = await t.database.db
      .selectFrom("early_career_evidence")
      .select(["id", "kind", "title"])
      .where("enrolment_id", "=", patEnrolment)
      .execute();
    const own = items.find((i) => i.kind === "reflection");
    const assessors = items.find((i) => i.kind === "observation");
    if (!own || !assessors) throw new Error("fixture");
    const ownUrl = `${base()}/evidence/${own.id}`;
    const edit = await get(`${ownUrl}/edit`, pat);
    expect(edit.statusCode).toBe(200);
    expect(
      html(edit.body).querySelector('input[name="standards"][value="KSS-1"]')?.getAttribute("checked"),
    ).not.toBe(undefined);
    const changed = await formPost(t.app, `${ownUrl}/edit`, pat, {
      ...reflection,
      title: "Reflection, revised",
      standards: "PCF-2",
    });
    expect(changed.statusCode).toBe(303);
    expect(
      (
        await t.database.db
          .selectFrom("early_career_evidence")
          .select("title")
          .where("id", "=", own.id)
          .executeTakeFirstOrThrow()
      ).title,
    ).toBe("Reflection, revised");
    expect((await get(`${base()}/evidence/${assessors.id}/edit`, pat)).statusCode).toBe(403);
    expect((await get(`${base()}/evidence/${assessors.id}/remove`, pat)).statusCode).toBe(403);
    expect((await get(`${ownUrl}/edit`, bob)).statusCode).toBe(403);

    // A second reflection, then removed after the confirmation page.
    const extra = await postReflection(pat);
    const extraUrl = String(extra.headers.location);
    const confirm = await get(`${extraUrl}/remove`, pat);
    expect(confirm.statusCode).toBe(200);
    expect(text(html(confirm.body).querySelector("h1"))).toContain("Are you sure");
    const before = await evidenceCount();
    const unconfirmed = await formPost(t.app, `${extraUrl}/remove`, pat, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(await evidenceCount()).toBe(before);
    const removed = await formPost(t.app, `${extraUrl}/remove`, pat, { confirm: "yes" });
    expect(removed.statusCode).toBe(303);
    expect(await evidenceCount()).toBe(before - 1);
  });

  it("refuses to submit before the minimum evidence, then submits and completes the milestone", async () => {
    // Sean's portfolio has nothing: his assessor is Alice.
    const sean = await t.database.db
      .selectFrom("early_career_enrolments")
      .innerJoin("people", "people.id", "early_career_enrolments.person_id")
      .select("people.id")
      .where("early_career_enrolments.id", "=", seanEnrolment)
      .executeTakeFirstOrThrow();
    const seanCookie = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: sean.id });
    const seanBase = `/early-career/enrolments/${seanEnrolment}/portfolio`;
    const refused = await formPost(t.app, `${seanBase}/submit`, seanCookie, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      "The portfolio does not have the minimum evidence yet: Direct observations 0 of 3; Critical reflections 0 of 1",
    ]);
    const notSubmitted = await t.database.db
      .selectFrom("early_career_enrolments")
      .select("portfolio_submitted_on")
      .where("id", "=", seanEnrolment)
      .executeTakeFirstOrThrow();
    expect(notSubmitted.portfolio_submitted_on).toBeNull();

    expect((await get(`${base()}/submit`, bob)).statusCode).toBe(403);
    // The assessor cannot sign off before the portfolio is submitted.
    const early = await formPost(
      t.app,
      `${base()}/sign-off`,
      bob,
      {
        recommendation: "pass",
        "signed_off_on-day": "20",
        "signed_off_on-month": "11",
        "signed_off_on-year": "2026",
      },
      { pageUrl: "/reference" },
    );
    expect(errorSummary(early.body)).toEqual(["The NQSW has not submitted the portfolio yet"]);

    const page = await get(`${base()}/submit`, pat);
    expect(page.statusCode).toBe(200);
    const ok = await formPost(t.app, `${base()}/submit`, pat, {});
    expect(ok.statusCode).toBe(303);
    const e = await t.database.db
      .selectFrom("early_career_enrolments")
      .select("portfolio_submitted_on")
      .where("id", "=", patEnrolment)
      .executeTakeFirstOrThrow();
    expect(e.portfolio_submitted_on).toBe("2026-11-23");
    const milestone = await t.database.db
      .selectFrom("early_career_milestones")
      .select(["kind", "completed_on"])
      .where("enrolment_id", "=", patEnrolment)
      .execute();
    expect(milestone.find((m) => m.kind === "portfolio")?.completed_on).toBe("2026-11-23");
    expect(milestone.find((m) => m.kind === "review")?.completed_on).toBeNull();

    // Submitted: the NQSW can no longer add or change evidence.
    const closed = await get(`${base()}/evidence/new`, pat);
    expect(text(html(closed.body).querySelector("h1"))).toBe("You cannot change the portfolio");
    const direct = await formPost(
      t.app,
      `${base()}/evidence/new`,
      pat,
      { ...reflection, standards: "PCF-1" },
      { pageUrl: "/reference" },
    );
    expect(errorSummary(direct.body)).toEqual(["The portfolio has been submitted, so you cannot change it"]);
  });

  it("the assessor signs off the submitted portfolio with a recommendation", async () => {
    const form = await get(`${base()}/sign-off`, bob);
    expect(form.statusCode).toBe(200);
    const empty = await formPost(t.app, `${base()}/sign-off`, bob, {
      "signed_off_on-day": "",
      "signed_off_on-month": "",
      "signed_off_on-year": "",
    });
    expect(errorSummary(empty.body)).toEqual([
      "Select whether you recommend a pass or a fail",
      "Enter the date of the sign-off",
    ]);
    expect((await get(`${base()}/sign-off`, pat)).statusCode).toBe(403);
    expect((await get(`${base()}/sign-off`, otherAssessor)).statusCode).toBe(404);
    const ok = await formPost(t.app, `${base()}/sign-off`, bob, {
      recommendation: "pass",
      "signed_off_on-day": "23",
      "signed_off_on-month": "11",
      "signed_off_on-year": "2026",
    });
    expect(ok.statusCode).toBe(303);
    const e = await t.database.db
      .selectFrom("early_career_enrolments")
      .select(["assessor_signed_off_on", "assessor_recommendation"])
      .where("id", "=", patEnrolment)
      .executeTakeFirstOrThrow();
    expect(e).toEqual({ assessor_signed_off_on: "2026-11-23", assessor_recommendation: "pass" });
    const page = html((await get(base(), pat)).body);
    expect(text(page.querySelector("#state + dl"))).toContain("23 November 2026: recommends pass");
  });

  it("the co-ordinator records the panel: endorsed completes the milestone; a sample for moderation", async () => {
    expect((await get(`${base()}/panel`, bob)).statusCode).toBe(403);
    const empty = await formPost(t.app, `${base()}/panel`, coordinator, {});
    expect(errorSummary(empty.body)).toEqual(["Enter the date of the panel", "Select the panel's decision"]);
    const deferred = await formPost(t.app, `${base()}/panel`, coordinator, {
      "panel_on-day": "23",
      "panel_on-month": "11",
      "panel_on-year": "2026",
      decision: "deferred",
    });
    expect(deferred.statusCode).toBe(303);
    const milestone = () =>
      t.database.db
        .selectFrom("early_career_milestones")
        .select("completed_on")
        .where("enrolment_id", "=", patEnrolment)
        .where("kind", "=", "panel")
        .executeTakeFirstOrThrow();
    expect((await milestone()).completed_on).toBeNull();
    const endorsed = await formPost(t.app, `${base()}/panel`, coordinator, {
      "panel_on-day": "23",
      "panel_on-month": "11",
      "panel_on-year": "2026",
      decision: "endorsed",
      notes: "A strong portfolio",
      moderation_sampled: "yes",
      moderation_outcome: "Agreed by the regional panel",
    });
    expect(endorsed.statusCode).toBe(303);
    expect((await milestone()).completed_on).toBe("2026-11-23");
    const page = html((await get(base(), pat)).body);
    const state = text(page.querySelector("#state + dl"));
    expect(state).toContain("23 November 2026: endorsed");
    expect(state).toContain(
      "Selected for the regional moderation sample. Outcome: Agreed by the regional panel",
    );
    // The panel has decided: the sign-off cannot change.
    const change = await formPost(
      t.app,
      `${base()}/sign-off`,
      bob,
      {
        recommendation: "fail",
        "signed_off_on-day": "23",
        "signed_off_on-month": "11",
        "signed_off_on-year": "2026",
      },
      { pageUrl: "/reference" },
    );
    expect(errorSummary(change.body)).toEqual(["The panel has decided, so the sign-off cannot change"]);
  });

  it("anonymising the NQSW clears the words and files of their evidence", async () => {
    await t.app.platform.data.run(fixtureContext(t.tenantId), (db) => t.app.people.anonymise(db, patId));
    const rows = await t.database.db
      .selectFrom("early_career_evidence")
      .select(["title", "summary", "observer_name", "stored_file_id", "standards"])
      .where("enrolment_id", "=", patEnrolment)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toMatchObject({ title: "Removed", summary: null, observer_name: null, stored_file_id: null });
      expect(r.standards.length).toBeGreaterThan(0);
    }
    const files = await t.database.db.selectFrom("stored_files").select("filename").execute();
    expect(files.some((x) => x.filename === "feedback.pdf")).toBe(false);
  });
});
