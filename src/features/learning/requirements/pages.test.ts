import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";

/** The requirement pages (L&D set the rules; everyone reads them) and person record-keeping. */
describe("mandatory requirement and record-keeping pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let learning: string;
  let practitioner: string;
  let lineManager: string;
  let courseId: string;
  const as = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(role);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const person = (role: string, kind: "own" | "in scope" | "out of scope") => {
    const id = f.roles[role]?.person[kind];
    if (!id) throw new Error(`${role} ${kind}`);
    return id;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    courseId = f.council.course;
    learning = await as("learning_and_development_officer");
    practitioner = await as("practitioner");
    lineManager = await as("line_manager");
  });
  afterAll(() => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const count = async (
    table: "learning_requirements" | "learning_exemptions" | "learning_pauses" | "learning_records",
  ) => (await t.database.db.selectFrom(table).select("id").execute()).length;

  const requirement = {
    title: "Safeguarding children",
    code: "safeguarding",
    description: "",
    course_ids: "",
    due_within_days: "90",
    renew_every_months: "36",
    grace_days: "30",
    due_soon_days: "60",
    "valid_from-day": "1",
    "valid_from-month": "4",
    "valid_from-year": "2025",
  };

  describe("requirements", () => {
    let requirementId: string;

    it("lets only L&D open the form to add a requirement", async () => {
      expect((await get("/learning/requirements/new", practitioner)).statusCode).toBe(403);
      expect((await get("/learning/requirements/new", lineManager)).statusCode).toBe(403);
      const page = await get("/learning/requirements/new", learning);
      expect(page.statusCode).toBe(200);
      expect(html(page.body).querySelector(`input[name="course_ids"][value="${courseId}"]`)).not.toBeNull();
    });

    it("refuses an empty form with every problem shown, and writes nothing", async () => {
      const bad = await formPost(t.app, "/learning/requirements/new", learning, {});
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Enter the requirement's title",
        "Enter a code",
        "Select at least one course that meets it",
        "Enter how many days people have to complete it",
        "Enter the grace period in days, or 0",
        "Enter how many days before the due date it shows as due soon",
        "Enter the date these rules start",
      ]);
      // The summary links to the first course's checkbox.
      expect(html(bad.body).querySelector("#course_ids")).not.toBeNull();
      expect(await count("learning_requirements")).toBe(0);
    });

    it("refuses numbers out of range and an impossible date", async () => {
      const bad = await formPost(t.app, "/learning/requirements/new", learning, {
        ...requirement,
        course_ids: courseId,
        due_within_days: "-3",
        renew_every_months: "0",
        grace_days: "1000",
        "valid_from-day": "31",
        "valid_from-month": "2",
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Days to complete it must be a whole number from 0 to 3650",
        "Renewal must be a whole number from 1 to 120",
        "Grace period must be a whole number from 0 to 365",
        "Start date must be a real date",
      ]);
      expect(await count("learning_requirements")).toBe(0);
    });

    it("adds a requirement and shows it in the list and on its page, to everyone", async () => {
      const made = await formPost(t.app, "/learning/requirements/new", learning, {
        ...requirement,
        course_ids: courseId,
        carers_from_approval: "yes",
      });
      expect(made.statusCode).toBe(303);
      requirementId = String(made.headers.location).split("/").pop() ?? "";
      const list = html((await get("/learning/requirements", practitioner)).body);
      const row = list.querySelectorAll("tbody tr").map((r) => text(r));
      expect(row).toHaveLength(1);
      expect(row[0]).toContain("Safeguarding children");
      expect(row[0]).toContain("Everyone");
      expect(row[0]).toContain(
        "90 days from starting; foster carers: 12 months from approval (18 for connected persons)",
      );
      expect(row[0]).toContain("Every 36 months");
      expect(list.querySelector('a[href="/learning/requirements/new"]')).toBeNull();
      const page = await get(`/learning/requirements/${requirementId}`, practitioner);
      expect(page.statusCode).toBe(200);
      expect(text(html(page.body).querySelector("h1"))).toBe("Safeguarding children");
      expect(text(html(page.body).querySelector("tbody th"))).toContain("From 1 April 2025");
      const csv = await get("/learning/requirements?format=csv", practitioner);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain("SAFEGUARDING");
    });

    it("refuses a duplicate code", async () => {
      const bad = await formPost(t.app, "/learning/requirements/new", learning, {
        ...requirement,
        course_ids: courseId,
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual(["Another requirement has this code"]);
      expect(await count("learning_requirements")).toBe(1);
    });

    it("answers 404 for a requirement that does not exist", async () => {
      expect(
        (await get("/learning/requirements/00000000-0000-4000-8000-000000000099", practitioner)).statusCode,
      ).toBe(404);
      expect((await get("/learning/requirements/nope/versions/new", learning)).statusCode).toBe(404);
    });

    it("prefills new rules from the current ones, refuses a start not after the latest, and adds a version", async () => {
      const url = `/learning/requirements/${requirementId}/versions/new`;
      expect((await get(url, practitioner)).statusCode).toBe(403);
      const form = html((await get(url, learning)).body);
      expect(
        form.querySelector(`input[name="course_ids"][value="${courseId}"]`)?.hasAttribute("checked"),
      ).toBe(true);
      expect(form.querySelector("#renew_every_months")?.getAttribute("value")).toBe("36");
      const fields = {
        title: "Safeguarding children and young people",
        description: "",
        course_ids: courseId,
        due_within_days: "60",
        renew_every_months: "",
        grace_days: "0",
        due_soon_days: "30",
        "valid_from-day": "1",
        "valid_from-month": "4",
        "valid_from-year": "2025",
      };
      const bad = await formPost(t.app, url, learning, fields);
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "The new rules must start after 1 April 2025, when the latest rules started",
      ]);
      const ok = await formPost(t.app, url, learning, { ...fields, "valid_from-year": "2026" });
      expect(ok.statusCode).toBe(303);
      const page = html((await get(`/learning/requirements/${requirementId}`, practitioner)).body);
      expect(text(page.querySelector("h1"))).toBe("Safeguarding children and young people");
      expect(
        page.querySelectorAll("tbody th").map((th) =>
          text(th)
            .split(/\s{2,}|In force|Ended/)[0]
            ?.trim(),
        ),
      ).toEqual(["From 1 April 2026", "From 1 April 2025 to 31 March 2026"]);
      expect(text(page.querySelector(".govuk-summary-list"))).toContain("Once only");
    });
  });

  describe("exemptions and pauses", () => {
    let requirementId: string;
    beforeAll(async () => {
      requirementId = (
        await t.database.db.selectFrom("learning_requirements").select("id").executeTakeFirstOrThrow()
      ).id;
    });

    it("lets L&D exempt a person in the council; others' people and other councils' are not found", async () => {
      const alice = person("learning_and_development_officer", "in scope");
      expect((await get(`/learning/people/${alice}/exemptions/new`, lineManager)).statusCode).toBe(403);
      expect((await get(`/learning/people/${alice}/exemptions/new`, practitioner)).statusCode).toBe(403);
      expect((await get(`/learning/people/${f.other.person}/exemptions/new`, learning)).statusCode).toBe(404);
      expect((await get(`/learning/people/not-a-uuid/exemptions/new`, learning)).statusCode).toBe(404);
      expect((await get(`/learning/people/${alice}/exemptions/new`, learning)).statusCode).toBe(200);

      const bad = await formPost(t.app, `/learning/people/${alice}/exemptions/new`, learning, {
        "to_on-day": "1",
        "to_on-month": "13",
        "to_on-year": "2026",
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Select the requirement",
        "Enter why they are exempt",
        "Enter who approved the exemption",
        "Enter the date the exemption starts",
        "End date must be a real date",
      ]);
      const backwards = await formPost(t.app, `/learning/people/${alice}/exemptions/new`, learning, {
        requirement_id: requirementId,
        reason: "Holds the level 3 qualification",
        approved_by: "Head of Service",
        "from_on-day": "1",
        "from_on-month": "6",
        "from_on-year": "2026",
        "to_on-day": "1",
        "to_on-month": "5",
        "to_on-year": "2026",
      });
      expect(backwards.statusCode).toBe(400);
      expect(errorSummary(backwards.body)).toEqual(["End date must be the same as or after the start date"]);
      expect(await count("learning_exemptions")).toBe(0);

      const ok = await formPost(t.app, `/learning/people/${alice}/exemptions/new`, learning, {
        requirement_id: requirementId,
        reason: "Holds the level 3 qualification",
        approved_by: "Head of Service",
        "from_on-day": "1",
        "from_on-month": "6",
        "from_on-year": "2026",
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/learning/people/${alice}`);
      const row = await t.database.db.selectFrom("learning_exemptions").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        person_id: alice,
        requirement_id: requirementId,
        from_on: "2026-06-01",
        to_on: null,
      });
    });

    it("lets L&D record a pause, refusing a bad one; a line manager may not", async () => {
      const alice = person("learning_and_development_officer", "in scope");
      const url = `/learning/people/${alice}/pauses/new`;
      expect((await get(url, lineManager)).statusCode).toBe(403);
      expect((await get(`/learning/people/${f.other.person}/pauses/new`, learning)).statusCode).toBe(404);
      const bad = await formPost(t.app, url, learning, {});
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Select why their learning is paused",
        "Enter the date the pause starts",
      ]);
      expect(await count("learning_pauses")).toBe(0);
      const ok = await formPost(t.app, url, learning, {
        reason: "maternity_or_adoption",
        "from_on-day": "1",
        "from_on-month": "9",
        "from_on-year": "2026",
      });
      expect(ok.statusCode).toBe(303);
      expect(await count("learning_pauses")).toBe(1);
    });
  });

  describe("learning records", () => {
    const completed = { "completed_on-day": "14", "completed_on-month": "9", "completed_on-year": "2026" };

    it("lets a person add their own external learning, which awaits verification; not someone else's", async () => {
      const pat = person("practitioner", "own");
      const alice = person("practitioner", "out of scope");
      expect((await get(`/learning/people/${alice}/records/new`, practitioner)).statusCode).toBe(404);
      const form = await get(`/learning/people/${pat}/records/new`, practitioner);
      expect(form.statusCode).toBe(200);
      expect(html(form.body).querySelector('input[name="source"]')).toBeNull();

      const future = await formPost(t.app, `/learning/people/${pat}/records/new`, practitioner, {
        title: "Motivational interviewing",
        "completed_on-day": "1",
        "completed_on-month": "1",
        "completed_on-year": "2027",
      });
      expect(future.statusCode).toBe(400);
      expect(errorSummary(future.body)).toEqual(["Date completed must be today or in the past"]);
      const untitled = await formPost(t.app, `/learning/people/${pat}/records/new`, practitioner, {
        ...completed,
        hours: "lots",
      });
      expect(errorSummary(untitled.body)).toEqual(["Hours must be a number, like 6 or 3.5"]);
      const noTitle = await formPost(t.app, `/learning/people/${pat}/records/new`, practitioner, completed);
      expect(errorSummary(noTitle.body)).toEqual(["Select a course or enter the learning's title"]);
      expect(await count("learning_records")).toBe(0);

      const ok = await formPost(t.app, `/learning/people/${pat}/records/new`, practitioner, {
        ...completed,
        title: "Motivational interviewing",
        hours: "6",
        provider: "Research in Practice",
        evidence_note: "Certificate 4471",
        source: "prior_learning", // ignored: only L&D accept prior learning
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/learning/people/${pat}`);
      const row = await t.database.db.selectFrom("learning_records").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        person_id: pat,
        source: "external",
        verification: "awaiting",
        completed_on: "2026-09-14",
        verified_by: null,
      });
    });

    it("lets L&D accept prior learning against a course, verified as entered, and asks what it is", async () => {
      const alice = person("learning_and_development_officer", "in scope");
      const url = `/learning/people/${alice}/records/new`;
      const bad = await formPost(t.app, url, learning, completed);
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual(["Select where the learning was done"]);
      const ok = await formPost(t.app, url, learning, {
        ...completed,
        source: "prior_learning",
        course_id: courseId,
      });
      expect(ok.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("learning_records")
        .selectAll()
        .where("person_id", "=", alice)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ source: "prior_learning", verification: "verified", course_id: courseId });
      expect(row.verified_by).toMatch(/^user:/);
      expect((await get(`/learning/people/${f.other.person}/records/new`, learning)).statusCode).toBe(404);
    });

    it("lists external learning awaiting verification for L&D, who verify it", async () => {
      expect((await get("/learning/records/awaiting", practitioner)).statusCode).toBe(403);
      const page = html((await get("/learning/records/awaiting", learning)).body);
      const rows = page.querySelectorAll("tbody tr");
      expect(rows).toHaveLength(1);
      expect(text(rows[0])).toContain("Motivational interviewing");
      const record = await t.database.db
        .selectFrom("learning_records")
        .select("id")
        .where("verification", "=", "awaiting")
        .executeTakeFirstOrThrow();
      const url = `/learning/records/${record.id}/verify`;
      const empty = await formPost(t.app, url, learning, {}, { pageUrl: "/learning/records/awaiting" });
      expect(empty.statusCode).toBe(400);
      expect(errorSummary(empty.body)).toEqual(["Select whether to accept or reject the learning"]);
      const missing = await formPost(
        t.app,
        "/learning/records/00000000-0000-4000-8000-000000000099/verify",
        learning,
        { decision: "verified" },
        { pageUrl: "/learning/records/awaiting" },
      );
      expect(missing.statusCode).toBe(404);
      const ok = await formPost(
        t.app,
        url,
        learning,
        { decision: "verified" },
        { pageUrl: "/learning/records/awaiting" },
      );
      expect(ok.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("learning_records")
        .selectAll()
        .where("id", "=", record.id)
        .executeTakeFirstOrThrow();
      expect(row.verification).toBe("verified");
      const after = html((await get("/learning/records/awaiting", learning)).body);
      expect(text(after.querySelector(".govuk-notification-banner"))).toContain("verified: it now counts");
      expect(after.querySelectorAll("tbody tr")).toHaveLength(0);
    });
  });
});
