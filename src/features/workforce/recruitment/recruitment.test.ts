import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccessFixture,
  addWorkforceRecords,
  seedAccessFixture,
  type WorkforceFixture,
} from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/** Recruitment's pages through app.inject (today 23 November 2026). */
describe("recruitment", () => {
  let t: TestApp;
  let f: AccessFixture;
  let w: { council: WorkforceFixture; outOfScope: WorkforceFixture; other: WorkforceFixture };
  let ctx: TenantContext;
  let sam: string;
  let hr: string;
  let pat: string;
  const unit = (key: string) => f.roles.service_manager?.unit[key as "own"] as string;
  const signInAs = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(`no role ${role}`);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  /** formPost with repeated fields (ticked checkboxes) sent as a browser sends them. */
  const postMany = async (url: string, cookie: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: await csrfTokenFrom(t.app, url, cookie) });
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return t.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
  };
  const errorsOf = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => ({ text: text(a), href: a.getAttribute("href") }));
  const applicantRow = (id: string) =>
    t.database.db
      .selectFrom("recruitment_applicants")
      .select(["stage", "stage_on", "person_id"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const eventsOf = (id: string) =>
    t.database.db
      .selectFrom("recruitment_stage_events")
      .select(["stage", "on_date"])
      .where("applicant_id", "=", id)
      .orderBy("on_date")
      .orderBy("created_at")
      .execute();

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    // addWorkforceRecords needs the other council's person in a unit with a job role, which the
    // access table test's earlier add*Records give them.
    const other = await t.database.db
      .selectFrom("tenants")
      .select("id")
      .where("id", "!=", t.tenantId)
      .executeTakeFirstOrThrow();
    await t.app.platform.data.run({ tenantId: other.id, actor: { id: "system:test" } }, async (db) => {
      const role = await db
        .insertInto("job_roles")
        .values({
          code: "SW",
          name: "Social worker",
          social_work_qualified: true,
          case_holder: true,
          sort_order: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (
        !(await db
          .selectFrom("assignments")
          .select("id")
          .where("person_id", "=", f.other.person)
          .executeTakeFirst())
      )
        await t.app.people.addAssignment(db, f.other.person, {
          org_unit_id: f.other.unit,
          job_role_id: role.id,
          contract_type: "permanent",
          fte: 1,
          valid_from: "2024-01-01",
        });
    });
    w = await addWorkforceRecords(t, f);
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    sam = await signInAs("service_manager");
    hr = await signInAs("hr_workforce_analyst");
    pat = await signInAs("practitioner");
  }, 240_000);
  afterAll(() => t.close());

  describe("scope", () => {
    it("answers 403 to a role without the permission", async () => {
      expect((await get("/workforce/recruitment", pat)).statusCode).toBe(403);
      expect((await get(`/workforce/recruitment/campaigns/${w.council.campaign}`, pat)).statusCode).toBe(403);
    });

    it("shows a service manager the campaigns in their service and 404 for others", async () => {
      for (const path of [
        `/workforce/recruitment/campaigns/${w.council.campaign}`,
        `/workforce/recruitment/campaigns/${w.council.campaign}/edit`,
        `/workforce/recruitment/campaigns/${w.council.campaign}/applicants/new`,
        `/workforce/recruitment/applicants/${w.council.applicant}`,
      ]) {
        expect((await get(path, sam)).statusCode, path).toBe(200);
        expect(
          (
            await get(
              path
                .replace(w.council.campaign, w.outOfScope.campaign)
                .replace(w.council.applicant, w.outOfScope.applicant),
              sam,
            )
          ).statusCode,
          path,
        ).toBe(404);
        expect(
          (
            await get(
              path
                .replace(w.council.campaign, w.other.campaign)
                .replace(w.council.applicant, w.other.applicant),
              hr,
            )
          ).statusCode,
          path,
        ).toBe(404);
      }
      expect((await get(`/workforce/recruitment/campaigns/${w.outOfScope.campaign}`, hr)).statusCode).toBe(
        200,
      );
      expect((await get("/workforce/recruitment/campaigns/not-a-uuid", hr)).statusCode).toBe(404);
    });

    it("lists only the campaigns in scope", async () => {
      const refs = async (cookie: string) =>
        html((await get("/workforce/recruitment", cookie)).body)
          .querySelectorAll("#campaigns tbody tr")
          .map((r) => r.getAttribute("data-campaign"));
      expect(await refs(sam)).toHaveLength(1);
      expect(await refs(hr)).toHaveLength(2);
      expect((await get(`/workforce/recruitment?unit=${f.other.unit}`, hr)).statusCode).toBe(404);
      expect((await get("/workforce/recruitment?period=5", hr)).statusCode).toBe(404);
    });

    it("refuses a stage move on a campaign out of scope with 404", async () => {
      const res = await formPost(
        t.app,
        `/workforce/recruitment/applicants/${w.outOfScope.applicant}/stage`,
        sam,
        { stage: "shortlisted", "on-day": "20", "on-month": "11", "on-year": "2026" },
        { pageUrl: "/workforce/recruitment/campaigns/new" },
      );
      expect(res.statusCode).toBe(404);
      expect((await applicantRow(w.outOfScope.applicant)).stage).toBe("applied");
      const edit = await formPost(
        t.app,
        `/workforce/recruitment/campaigns/${w.outOfScope.campaign}/edit`,
        sam,
        { status: "withdrawn" },
        { pageUrl: "/workforce/recruitment/campaigns/new" },
      );
      expect(edit.statusCode).toBe(404);
    });
  });

  describe("campaigns", () => {
    const valid = () => ({
      reference: "SW-2026-01",
      title: "Social worker, Family Support",
      org_unit_id: unit("in scope"),
      post_id: "",
      job_role_id: "",
      fte: "1",
      "advert_opens_on-day": "1",
      "advert_opens_on-month": "9",
      "advert_opens_on-year": "2026",
      channels: "jobs_board",
    });
    const url = "/workforce/recruitment/campaigns/new";

    it("shows every error at once for an empty form", async () => {
      const res = await formPost(t.app, url, sam, {});
      expect(res.statusCode).toBe(400);
      expect(errorsOf(res.body)).toEqual([
        { text: "Enter a reference for the campaign", href: "#reference" },
        { text: "Enter the job title advertised", href: "#title" },
        { text: "Select the team or service the post is in", href: "#org_unit_id" },
        { text: "Enter the FTE of the post", href: "#fte" },
        { text: "Enter the date the advert opens", href: "#advert_opens_on-day" },
        { text: "Select at least one channel the advert uses", href: "#channels" },
      ]);
    });

    it("refuses a closing date before the opening date, and a unit out of scope", async () => {
      const closes = await formPost(t.app, url, sam, {
        ...valid(),
        "advert_closes_on-day": "31",
        "advert_closes_on-month": "8",
        "advert_closes_on-year": "2026",
      });
      expect(errorsOf(closes.body)).toEqual([
        { text: "Closing date must be the same as or after the opening date", href: "#advert_closes_on-day" },
      ]);
      const outside = await formPost(t.app, url, sam, {
        ...valid(),
        org_unit_id: f.roles.senior_leader?.unit["out of scope"] as string,
      });
      expect(errorsOf(outside.body)).toEqual([
        { text: "Select a team or service you recruit for", href: "#org_unit_id" },
      ]);
    });

    it("shows the chosen team's posts without JavaScript, vacant first", async () => {
      const res = await formPost(t.app, url, hr, {
        ...valid(),
        org_unit_id: unit("in scope"),
        refresh: "posts",
      });
      expect(res.statusCode).toBe(200);
      const options = html(res.body).querySelectorAll("#post_id option").map(text);
      expect(options[0]).toBe("No particular post");
      expect(options).toContain("P2: Social worker, 1 FTE (vacant 1 FTE)");
      // Vacant posts first: Alice holds P1, so it comes last.
      expect(options.at(-1)).toMatch(/^P1: Social worker, 1 FTE \(filled\)$/);
    });

    it("starts a campaign, refuses the same reference again, and changes it", async () => {
      const res = await postMany(url, sam, { ...valid(), channels: ["jobs_board", "social_media"] });
      expect(errorsOf(res.body)).toEqual([]);
      expect(res.statusCode).toBe(303);
      const campaign = await t.database.db
        .selectFrom("recruitment_campaigns")
        .selectAll()
        .where("reference", "=", "SW-2026-01")
        .executeTakeFirstOrThrow();
      expect(res.headers.location).toBe(`/workforce/recruitment/campaigns/${campaign.id}`);
      expect(campaign.channels).toEqual(["jobs_board", "social_media"]);
      expect(campaign.advert_opens_on).toBe("2026-09-01");
      const again = await formPost(t.app, url, sam, { ...valid(), reference: "sw-2026-01" });
      expect(errorsOf(again.body)[0]?.text).toBe(
        "A campaign with this reference already exists: enter another",
      );
      // A job role that is not one of this council's (another council's, or none at all).
      const foreignRole = await formPost(t.app, url, sam, {
        ...valid(),
        reference: "SW-2026-09",
        job_role_id: "00000000-0000-4000-8000-000000000000",
      });
      expect(foreignRole.statusCode).toBe(400);
      expect(errorsOf(foreignRole.body)).toEqual([
        { href: "#job_role_id", text: "Select a job role from the list" },
      ]);

      const edit = `/workforce/recruitment/campaigns/${campaign.id}/edit`;
      const empty = await formPost(t.app, edit, sam, {});
      expect(errorsOf(empty.body).map((e) => e.href)).toEqual([
        "#advert_opens_on-day",
        "#channels",
        "#status",
      ]);
      const saved = await formPost(t.app, edit, sam, {
        "advert_opens_on-day": "1",
        "advert_opens_on-month": "9",
        "advert_opens_on-year": "2026",
        "advert_closes_on-day": "30",
        "advert_closes_on-month": "9",
        "advert_closes_on-year": "2026",
        channels: "referral",
        status: "closed",
      });
      expect(saved.statusCode).toBe(303);
      const after = await t.database.db
        .selectFrom("recruitment_campaigns")
        .select(["status", "channels", "advert_closes_on"])
        .where("id", "=", campaign.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ status: "closed", channels: ["referral"], advert_closes_on: "2026-09-30" });
    });
  });

  describe("applicants and stages", () => {
    const addUrl = () => `/workforce/recruitment/campaigns/${w.council.campaign}/applicants/new`;
    const applied = { "applied_on-day": "10", "applied_on-month": "10", "applied_on-year": "2026" };
    const move = (applicantId: string, stage: string, on: string, extra: Record<string, string> = {}) => {
      const [y, m, d] = on.split("-") as [string, string, string];
      return formPost(
        t.app,
        `/workforce/recruitment/applicants/${applicantId}/stage`,
        sam,
        { stage, "on-day": d, "on-month": m, "on-year": y, ...extra },
        { pageUrl: `/workforce/recruitment/applicants/${applicantId}` },
      );
    };
    let newId: string;

    it("shows every error for an empty applicant form, and refuses an application before the advert", async () => {
      const res = await formPost(t.app, addUrl(), sam, {});
      expect(res.statusCode).toBe(400);
      expect(errorsOf(res.body).map((e) => e.href)).toEqual([
        "#given_name",
        "#family_name",
        "#source",
        "#applied_on-day",
      ]);
      const early = await formPost(t.app, addUrl(), sam, {
        given_name: "Early",
        family_name: "Bird",
        source: "referral",
        "applied_on-day": "30",
        "applied_on-month": "9",
        "applied_on-year": "2026",
      });
      expect(errorsOf(early.body)).toEqual([
        { text: "Date they applied must be on or after the date the advert opened", href: "#applied_on-day" },
      ]);
      const bad = await formPost(t.app, addUrl(), sam, {
        given_name: "A",
        family_name: "B",
        source: "x",
        email: "nope",
        ...applied,
      });
      expect(errorsOf(bad.body).map((e) => e.text)).toEqual([
        "Enter an email address in the correct format, like name@example.com",
        "Select where they heard about the job",
      ]);
    });

    it("adds an applicant at applied, with an applied event", async () => {
      const res = await postMany(addUrl(), sam, {
        given_name: "Nia",
        family_name: "Okafor",
        email: "nia@example.org",
        source: "university_partnership",
        reasons: ["flexible_working", "manageable_caseloads"],
        ...applied,
      });
      expect(res.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("recruitment_applicants")
        .select(["id", "stage", "stage_on", "reasons_applied"])
        .where("family_name", "=", "Okafor")
        .executeTakeFirstOrThrow();
      newId = row.id;
      expect(row).toMatchObject({
        stage: "applied",
        stage_on: "2026-10-10",
        reasons_applied: ["flexible_working", "manageable_caseloads"],
      });
      expect(await eventsOf(newId)).toEqual([{ stage: "applied", on_date: "2026-10-10" }]);
    });

    it("shows each applicant as a card in their stage's column with a move form", async () => {
      const page = html((await get(`/workforce/recruitment/campaigns/${w.council.campaign}`, sam)).body);
      const applied = page.querySelector('[data-stage="applied"]');
      const names = applied
        ?.querySelectorAll("[data-applicant]")
        .map((c) => c.getAttribute("data-applicant"));
      expect(names).toEqual(["Alex Applicant", "Nia Okafor"]);
      const card = page.querySelector('[data-applicant="Nia Okafor"]');
      expect(text(card)).toContain("University partnership");
      expect(text(card)).toContain("44 days at this stage");
      expect(card?.querySelector("form")?.getAttribute("action")).toBe(
        `/workforce/recruitment/applicants/${newId}/stage`,
      );
      expect(card?.querySelectorAll("select option").map((o) => o.getAttribute("value"))).toEqual([
        "shortlisted",
        "interviewed",
        "offered",
        "accepted",
        "withdrawn",
      ]);
    });

    it("gives every element on the board and the list a unique id", async () => {
      for (const url of [
        `/workforce/recruitment/campaigns/${w.council.campaign}`,
        "/workforce/recruitment",
      ]) {
        const ids = html((await get(url, sam)).body)
          .querySelectorAll("[id]")
          .map((e) => e.getAttribute("id"));
        expect(
          ids.filter((id, i) => ids.indexOf(id) !== i),
          url,
        ).toEqual([]);
      }
    });

    it("moves forward in one transaction, adding an event", async () => {
      const res = await move(newId, "shortlisted", "2026-10-20");
      expect(res.statusCode).toBe(303);
      expect(await applicantRow(newId)).toMatchObject({ stage: "shortlisted", stage_on: "2026-10-20" });
      expect((await eventsOf(newId)).map((e) => e.stage)).toEqual(["applied", "shortlisted"]);
    });

    it("refuses going back, a future date, a date before the last stage, and starting before DBS", async () => {
      const cases: [string, string, string, string][] = [
        [
          "applied",
          "2026-10-21",
          "#stage",
          "Select a stage after shortlisted, or withdrawn: applicants do not move back",
        ],
        ["interviewed", "2026-11-24", "#on-day", "Date of the move must be today or in the past"],
        [
          "interviewed",
          "2026-10-19",
          "#on-day",
          "Date of the move must be on or after 20 October 2026, when they reached shortlisted",
        ],
        ["started", "2026-11-01", "#stage", "They must be DBS cleared before they start"],
      ];
      for (const [stage, on, href, message] of cases) {
        const res = await move(newId, stage, on);
        expect(res.statusCode, message).toBe(400);
        expect(errorsOf(res.body)).toEqual([{ text: message, href }]);
        const page = html(res.body);
        expect(page.querySelector("h1")?.textContent).toBe("Nia Okafor");
        expect(page.querySelectorAll("#history tbody tr")).toHaveLength(2);
      }
      const empty = await move(newId, "", "--");
      expect(errorsOf(empty.body).map((e) => e.href)).toEqual(["#stage", "#on-day"]);
      expect(await applicantRow(newId)).toMatchObject({ stage: "shortlisted", stage_on: "2026-10-20" });
      expect(await eventsOf(newId)).toHaveLength(2);
    });

    it("goes all the way to started, linking the person they became", async () => {
      // Someone who joined Family Support (the campaign's team, Pat's) on 9 November 2026.
      const personId = await t.app.people.createPerson(ctx, { given_name: "Nia", family_name: "Okafor" });
      await t.app.platform.data.run(ctx, async (db) => {
        const sw = await db
          .selectFrom("job_roles")
          .select("id")
          .where("code", "=", "SW")
          .executeTakeFirstOrThrow();
        await t.app.people.addAssignment(db, personId, {
          org_unit_id: f.roles.practitioner?.unit.own as string,
          job_role_id: sw.id,
          contract_type: "permanent",
          fte: 1,
          valid_from: "2026-11-09",
        });
      });
      for (const [stage, on] of [
        ["interviewed", "2026-10-27"],
        ["offered", "2026-10-29"],
        ["accepted", "2026-10-30"],
        ["dbs_cleared", "2026-11-06"],
      ] as const) {
        expect((await move(newId, stage, on)).statusCode, stage).toBe(303);
      }
      const page = html((await get(`/workforce/recruitment/applicants/${newId}`, sam)).body);
      const choices = page.querySelectorAll("#person_id option").map((o) => o.getAttribute("value"));
      expect(choices).toEqual(["", personId]);
      const res = await move(newId, "started", "2026-11-09", { person_id: personId });
      expect(res.statusCode).toBe(303);
      expect(await applicantRow(newId)).toMatchObject({ stage: "started", person_id: personId });
      // Linking again from their page (the person link form), and refusing someone who is not a recent starter.
      const link = `/workforce/recruitment/applicants/${newId}/person`;
      const page2 = `/workforce/recruitment/applicants/${newId}`;
      expect((await formPost(t.app, link, sam, { person_id: personId }, { pageUrl: page2 })).statusCode).toBe(
        303,
      );
      const wrong = await formPost(
        t.app,
        link,
        sam,
        { person_id: f.roles.practitioner?.personId as string },
        { pageUrl: page2 },
      );
      expect(errorsOf(wrong.body)).toEqual([
        { text: "Select someone who started in the team recently", href: "#person_id" },
      ]);
      const after = await move(newId, "withdrawn", "2026-11-10");
      expect(errorsOf(after.body)[0]?.text).toBe("They have started: if they leave, record them as a leaver");
    });

    it("withdraws from any stage, after which nothing moves", async () => {
      // The fixture's applicant has no events: the current stage's date (5 October) is the bound.
      expect((await move(w.council.applicant, "withdrawn", "2026-10-04")).statusCode).toBe(400);
      expect((await move(w.council.applicant, "withdrawn", "2026-10-06")).statusCode).toBe(303);
      const again = await move(w.council.applicant, "shortlisted", "2026-10-07");
      expect(errorsOf(again.body)[0]?.text).toBe(
        "They have withdrawn: if they apply again, add them as a new applicant",
      );
      const board = html((await get(`/workforce/recruitment/campaigns/${w.council.campaign}`, sam)).body);
      expect(text(board.querySelector('[data-stage="withdrawn"]'))).toContain("Alex Applicant");
    });
  });

  describe("measures and exports", () => {
    it("shows time to hire, conversion, sources and starters' reasons with small numbers hidden", async () => {
      const page = html((await get("/workforce/recruitment", sam)).body);
      const row = (table: string, label: string) =>
        page
          .querySelectorAll(`#${table} tbody tr`)
          .map((r) => r.querySelectorAll("th, td").map(text))
          .find((cells) => cells[0] === label);
      // Nia: applied 10 Oct, accepted 30 Oct (advert opened 1 Oct: 29 days), started 9 Nov (30 days from applying); offer 29 Oct to DBS 6 Nov: 8.
      expect(row("time-to-hire", "Advert opening to offer accepted")).toEqual([
        "Advert opening to offer accepted",
        "1",
        "29",
        "29",
      ]);
      expect(row("time-to-hire", "Application to start")).toEqual(["Application to start", "1", "30", "30"]);
      expect(row("time-to-hire", "Offer to DBS clearance")).toEqual([
        "Offer to DBS clearance",
        "1",
        "8",
        "8",
      ]);
      expect(row("sources", "University partnership")).toEqual(["University partnership", "1"]);
      expect(row("conversion", "Applied")?.[1]).toBe("2");
      expect(row("reasons", "Flexible working")).toEqual(["Flexible working", "fewer than 5"]);
      expect(row("reasons", "Location")).toEqual(["Location", "0"]);
      expect(page.querySelector('[data-chart="reasons-chart"]')).not.toBeNull();
    });

    it("exports the campaigns and each measure's table", async () => {
      const csv = await get("/workforce/recruitment?table=campaigns&format=csv", sam);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      expect(lines[0]).toBe(
        "Reference,Title,Unit,Post,Status,Advert opens,Advert closes,Applicants,Applied,Shortlisted,Interviewed,Offered,Accepted,DBS cleared,Started,Withdrawn",
      );
      expect(lines).toHaveLength(3);
      const reasons = await get("/workforce/recruitment?table=reasons&format=csv", sam);
      expect(reasons.body).toContain("Flexible working,fewer than 5");
      const time = await get("/workforce/recruitment?table=time&format=xlsx", sam);
      expect(time.statusCode).toBe(200);
      expect(time.headers["content-type"]).toContain("spreadsheetml");
      expect((await get("/workforce/recruitment?table=nope&format=csv", sam)).statusCode).toBe(404);
    });
  });
});
