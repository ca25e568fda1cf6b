import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccessFixture,
  addEarlyCareerRecords,
  addPerformanceRecords,
  seedAccessFixture,
} from "../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { html, text } from "../../../test/support/html.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

/**
 * The home page per role on the access fixture (today Monday 23 November 2026): a supervision
 * rule for social workers (every 4 weeks; nobody has been supervised, so everyone placed is
 * overdue), a mandatory requirement for staff (due 90 days after starting: overdue), Pat's
 * caseload of 15 over a cap of 10, sessions this week (full, with one waiting) and next month
 * (1 of 10 booked), Pat's ASYE milestone due 7 December, a people feed run with refused rows and
 * a possible leaver (Filler 01), and a council-wide target for supervision in date.
 */
describe("home page", () => {
  let t: TestApp;
  let f: AccessFixture;
  let ctx: TenantContext;
  const id: Record<string, string> = {};

  const as = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(`no role ${role}`);
    return t.signIn({ roles: r.grants, personId: r.personId, displayName: `The ${role}` });
  };
  const home = async (role: string) => {
    const res = await t.app.inject({ url: "/", headers: { cookie: await as(role) } });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(page.querySelector("[data-failed]")).toBeNull();
    if (process.env.HOME_PAGE_DUMP) console.log(role, text(page.querySelector("main")));
    return page;
  };
  const panel = (page: ReturnType<typeof html>, key: string) => page.querySelector(`[data-panel="${key}"]`);
  const row = (page: ReturnType<typeof html>, key: string, heading: string) =>
    panel(page, key)?.querySelector(`[data-section="${heading}"]`);

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    await addEarlyCareerRecords(t, f);
    await addPerformanceRecords(t, f);
    const pat = f.roles.practitioner?.personId as string;
    const lina = f.roles.line_manager?.personId as string;
    id.pat = pat;
    await t.app.platform.data.run(ctx, async (db) => {
      const sw = await db
        .selectFrom("job_roles")
        .select("id")
        .where("code", "=", "SW")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("supervision_policy_rules")
        .values({
          applies_to: "job_role",
          job_role_id: sw.id,
          every_value: 4,
          every_unit: "weeks",
          counting_kinds: ["individual"],
          valid_from: "2020-01-01",
          created_by: "system:test",
        })
        .execute();

      const course = (code: string, title: string) =>
        db
          .insertInto("learning_courses")
          .values({
            code,
            title,
            tier: "core",
            group_key: "safeguarding",
            delivery: "face_to_face",
            booking_route: "self",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      const safe = await course("SAFE-01", "Safeguarding children");
      const req = await db
        .insertInto("learning_requirements")
        .values({ code: "SAFE", title: "Safeguarding children training" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("learning_requirement_versions")
        .values({
          requirement_id: req.id,
          valid_from: "2020-01-01",
          course_ids: [safe.id],
          person_kinds: ["staff"],
          due_within_days: 90,
          renew_every_months: 12,
          created_by: "system:test",
        })
        .execute();

      const session = async (code: string, title: string, capacity: number, starts: string, ends: string) => {
        const c = await course(code, title);
        const s = await db
          .insertInto("learning_sessions")
          .values({
            course_id: c.id,
            capacity,
            booking_closes_on: starts.slice(0, 10),
            venue: "Town Hall",
            created_by: "system:test",
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("learning_session_parts")
          .values({ session_id: s.id, part_number: 1, starts_at: starts, ends_at: ends })
          .execute();
        return s.id;
      };
      const book = (sessionId: string, personId: string, status: "booked" | "waiting") =>
        db
          .insertInto("learning_bookings")
          .values({
            session_id: sessionId,
            person_id: personId,
            status,
            requested_by: "system:test",
            updated_at: new Date(),
            waiting_since: status === "waiting" ? new Date() : null,
          })
          .execute();
      id.week = await session("CRT-01", "Court skills", 2, "2026-11-25T09:30:00Z", "2026-11-25T16:00:00Z");
      await book(id.week, pat, "booked");
      await book(id.week, lina, "booked");
      await book(id.week, f.roles.service_manager?.personId as string, "waiting");
      id.low = await session(
        "DWC-01",
        "Direct work with children",
        10,
        "2026-12-10T09:30:00Z",
        "2026-12-10T16:00:00Z",
      );
      await book(id.low, lina, "booked");

      await db
        .insertInto("caseload_targets")
        .values({ kind: "individual_cap", children: 10, valid_from: "2024-01-01", created_by: "system:test" })
        .execute();

      await db
        .updateTable("feed_runs")
        .set({
          counts: JSON.stringify({
            create: 0,
            update: 3,
            unchanged: 10,
            reject: 2,
            unmatched: 1,
            possibleLeavers: 1,
          }),
        })
        .where("id", "=", f.council.run)
        .execute();
      await sql`select 1`.execute(db);
    });
    await t.app.caseloads.importRows(ctx, {
      asAt: "2026-11-20",
      source: "feed",
      filename: null,
      rows: [{ personId: pat, children: 15, categories: null }],
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("signed out, shows the service and the sign-in start", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(page.querySelector("a.govuk-button--start")?.getAttribute("href")).toBe("/sign-in");
    expect(page.querySelector("[data-panel]")).toBeNull();
  });

  it("a practitioner sees their own training due, next supervision and bookings, and nobody else's", async () => {
    const page = await home("practitioner");
    const own = panel(page, "practitioner");
    expect(text(own?.querySelector("h2"))).toBe("Your learning and practice");
    const training = text(row(page, "practitioner", "Mandatory training"));
    expect(training).toContain("Safeguarding children training");
    expect(training).toContain("Overdue");
    const supervision = text(row(page, "practitioner", "Next supervision"));
    expect(supervision).toMatch(/Due \d+ \w+ 20\d\d/);
    expect(supervision).toContain("Overdue");
    // The due date once (the summary); the line says when the last was held.
    expect(supervision.match(/Due/g)).toHaveLength(1);
    expect(supervision).toContain("No supervision recorded yet");
    expect(text(row(page, "practitioner", "Your bookings"))).toContain("Court skills");
    expect(
      row(page, "practitioner", "Mandatory training")
        ?.querySelector(".govuk-summary-list__actions a")
        ?.getAttribute("href"),
    ).toBe(`/learning/people/${id.pat}`);
    // Only their own panel: no team, sessions, programme, feeds or scorecard.
    expect(page.querySelectorAll("[data-panel]").map((p) => p.getAttribute("data-panel"))).toEqual([
      "practitioner",
    ]);
    expect(page.toString()).not.toContain("Lina");
    expect(page.toString()).not.toContain("Person01 Filler");
  });

  it("a line manager sees their team's overdue supervision, a caseload over cap and an NQSW milestone", async () => {
    const page = await home("line_manager");
    const supervision = text(row(page, "manager", "Supervision"));
    expect(supervision).toContain("Pat Practitioner");
    expect(supervision).toContain("Sean Senior-Practitioner");
    expect(supervision).toMatch(/2 people overdue/);
    // Outside their reports: Alice, Olive.
    expect(supervision).not.toContain("Alice");
    expect(supervision).not.toContain("Olive");
    const caseloads = text(row(page, "manager", "Caseloads over cap"));
    expect(caseloads).toContain("1 person over their cap");
    expect(caseloads).toContain("Pat Practitioner, 15 children, cap 10");
    expect(text(row(page, "manager", "Mandatory training"))).toContain("Safeguarding children training");
    const milestones = text(row(page, "manager", "NQSW milestones"));
    expect(milestones).toContain("3-month review");
    expect(milestones).not.toContain("Olive");
    expect(
      row(page, "manager", "Supervision")
        ?.querySelector(".govuk-summary-list__actions a")
        ?.getAttribute("href"),
    ).toBe("/supervision/overdue");
    // Their own things too (they are a person with learning), each panel once.
    expect(page.querySelectorAll("[data-panel]").map((p) => p.getAttribute("data-panel"))).toEqual([
      "practitioner",
      "manager",
    ]);
  });

  it("the L&D officer sees this week's sessions, a waiting list and a session with low bookings", async () => {
    const page = await home("learning_and_development_officer");
    const week = text(row(page, "learning", "Sessions this week"));
    expect(week).toContain("1 session");
    expect(week).toContain("Court skills");
    expect(week).toContain("2 of 2 places booked");
    const waiting = text(row(page, "learning", "Waiting lists"));
    expect(waiting).toContain("1 person waiting, for 1 session");
    expect(waiting).toContain("Court skills");
    const low = text(row(page, "learning", "Sessions with low bookings"));
    expect(low).toContain("Direct work with children");
    expect(low).toContain("1 of 10 places booked");
    expect(low).not.toContain("Court skills");
    expect(row(page, "learning", "Waiting lists")?.querySelector("li a")?.getAttribute("href")).toBe(
      `/learning/sessions/${id.week}/bookings`,
    );
  });

  it("the ASYE co-ordinator sees the milestones due in the next 14 days", async () => {
    const page = await home("asye_coordinator");
    const due = text(row(page, "coordinator", "Milestones due in the next 14 days"));
    expect(due).toContain("2 milestones");
    expect(due).toContain("Pat Practitioner: 3-month review, due 7 December 2026");
    expect(due).toContain("Olive Outside: 3-month review");
    expect(text(row(page, "coordinator", "Overdue milestones"))).toContain("None overdue");
  });

  it("HR sees a feed error and a possible leaver", async () => {
    const page = await home("hr_workforce_analyst");
    const errors = text(row(page, "hr", "Feed errors"));
    expect(errors).toContain("1 run with errors");
    expect(errors).toContain("HR system: people.csv, 2 rows refused");
    expect(row(page, "hr", "Feed errors")?.querySelector("li a")?.getAttribute("href")).toBe(
      `/people/feeds/runs/${f.council.run}`,
    );
    const leavers = text(row(page, "hr", "Possible leavers"));
    expect(leavers).toContain("1 person waiting for a decision");
    expect(leavers).toContain("Person01 Filler");
    expect(text(row(page, "hr", "Census 2026"))).toMatch(/record/);
  });

  it("a senior leader sees the scorecard's counts for their unit (needs app.performance)", async () => {
    const page = await home("senior_leader");
    const card = panel(page, "director");
    expect(text(card?.querySelector("h2"))).toBe("The scorecard");
    expect(t.app.hasDecorator("performance")).toBe(true);
    expect(text(card)).toContain("Children's Services");
    const against = text(row(page, "director", "Against target"));
    expect(against).toMatch(/\d+ green \(on target\), \d+ amber \(near target\), \d+ red \(off target\)/);
    expect(card?.querySelector(".govuk-summary-list__actions a")?.getAttribute("href")).toBe(
      `/performance?unit=${f.roles.senior_leader?.unit.own}`,
    );
  });

  it("keeps the scorecard panel for senior leaders: HR and L&D have their own panels", async () => {
    for (const role of ["hr_workforce_analyst", "learning_and_development_officer"]) {
      const cookie = await t.signIn({ roles: [{ role, unitId: null }] });
      const page = html((await t.app.inject({ url: "/", headers: { cookie } })).body);
      expect(page.querySelector('[data-panel="director"]'), role).toBeNull();
    }
  });

  it("shows each panel once to someone holding several roles, every figure in their scope", async () => {
    const lina = f.roles.line_manager;
    const cookie = await t.signIn({
      roles: [
        { role: "practitioner", unitId: null },
        ...(lina?.grants ?? []),
        { role: "hr_workforce_analyst", unitId: null },
        { role: "senior_leader", unitId: null },
      ],
      personId: lina?.personId ?? null,
      displayName: "Lina Line",
    });
    const page = html((await t.app.inject({ url: "/", headers: { cookie } })).body);
    expect(page.querySelector("[data-failed]")).toBeNull();
    expect(page.querySelectorAll("[data-panel]").map((p) => p.getAttribute("data-panel"))).toEqual([
      "practitioner",
      "manager",
      "hr",
      "director",
    ]);
    // Held council-wide: the scorecard is the council's.
    expect(text(panel(page, "director"))).toContain("The whole council");
  });
  it("remembers a panel until the council's data changes: a change shows at once", async () => {
    const supervision = async () => text(row(await home("line_manager"), "manager", "Supervision"));
    expect(await supervision()).toContain("Pat Practitioner");
    expect(await supervision()).toContain("Pat Practitioner");
    const rename = (given: string) =>
      t.app.platform.data.run(ctx, (db) =>
        db
          .updateTable("people")
          .set({ given_name: given })
          .where("id", "=", id.pat as string)
          .execute(),
      );
    await rename("Patricia");
    try {
      const after = await supervision();
      expect(after).toContain("Patricia Practitioner");
      expect(after).not.toContain("Pat Practitioner");
    } finally {
      await rename("Pat");
    }
    expect(await supervision()).toContain("Pat Practitioner");
  });
  it("a statement failing in one panel ends the shared transaction, but only that panel says so", async () => {
    // A change moves the council's version, so no panel is served from what was remembered.
    await t.app.platform.data.run(ctx, (db) =>
      db
        .updateTable("people")
        .set({ preferred_name: "Pat" })
        .where("id", "=", id.pat as string)
        .execute(),
    );
    const registration = t.app.cpdRegistration;
    const original = registration.personReadiness;
    // Division by zero: PostgreSQL ends the transaction, and every later statement in it fails.
    registration.personReadiness = (c) =>
      t.app.platform.data.run(c, (db) => sql`select 1 / 0`.execute(db)) as never;
    try {
      const cookie = await as("line_manager");
      const res = await t.app.inject({ url: "/", headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      expect(page.querySelectorAll("[data-failed]").map((p) => p.getAttribute("data-panel"))).toEqual([
        "practitioner",
      ]);
      expect(text(row(page, "manager", "Supervision"))).toContain("Pat Practitioner");
      expect(text(row(page, "manager", "Caseloads over cap"))).toContain("Pat Practitioner, 15 children");
    } finally {
      registration.personReadiness = original;
      await t.app.platform.data.run(ctx, (db) =>
        db
          .updateTable("people")
          .set({ preferred_name: null })
          .where("id", "=", id.pat as string)
          .execute(),
      );
    }
    expect(panel(await home("line_manager"), "practitioner")).not.toBeNull();
  });
  it("serves a panel from what it remembered for up to a minute when nothing audited changed", async () => {
    const training = async () => text(row(await home("practitioner"), "practitioner", "Mandatory training"));
    expect(await training()).toContain("Safeguarding children training");
    // The compliance table is worked out by its job and not audited: the version does not move.
    const overdue = await t.database.db
      .selectFrom("learning_compliance")
      .select("requirement_id")
      .where("person_id", "=", id.pat as string)
      .where("status", "=", "overdue")
      .execute();
    expect(overdue.length).toBeGreaterThan(0);
    const setStatus = (status: string) =>
      t.database.db
        .updateTable("learning_compliance")
        .set({ status })
        .where("person_id", "=", id.pat as string)
        .where(
          "requirement_id",
          "in",
          overdue.map((r) => r.requirement_id),
        )
        .execute();
    await setStatus("complete");
    try {
      expect(await training()).toContain("Safeguarding children training");
      t.clock.advance(61_000);
      expect(await training()).toContain("Nothing due");
    } finally {
      await setStatus("overdue");
    }
  });
});
