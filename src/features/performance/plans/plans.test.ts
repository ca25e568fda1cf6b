import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/** Action plans through their pages (today 23 November 2026). */
describe("action plans", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let id: Record<string, string>;
  let hr: string; // HR analyst held council-wide: manages plans
  let owner: string; // service manager (Alice's account): views, owns an action
  let viewer: string; // QA lead (Bob's account): views only
  let unitSenior: string; // senior leader held on Children's Services: manage, but not council-wide
  let planId: string;
  let outcomeId: string;
  let actionId: string;
  let overdueId: string;
  let other: { plan: string; outcome: string; action: string };

  const db = () => t.database.db;
  const count = async (table: "action_plans" | "plan_outcomes" | "plan_actions" | "plan_action_updates") =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorsOf = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => ({ text: text(a), href: a.getAttribute("href") }));

  beforeAll(async () => {
    t = await buildTestApp();
    const fixture = await seedPeopleFixture(t.app, t.tenantId);
    ctx = fixture.ctx;
    id = fixture.id;
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }], personId: id.eve });
    owner = await t.signIn({
      userId: "00000000-0000-4000-8000-000000000002",
      roles: [{ role: "service_manager", unitId: id.S1 as string }],
      personId: id.alice,
    });
    viewer = await t.signIn({
      userId: "00000000-0000-4000-8000-000000000003",
      roles: [{ role: "quality_assurance_lead", unitId: null }],
      personId: id.bob,
    });
    unitSenior = await t.signIn({
      userId: "00000000-0000-4000-8000-000000000004",
      roles: [{ role: "senior_leader", unitId: id.D as string }],
      personId: id.dan,
    });
    // A second council with a plan of its own.
    const tenantB = await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "second-council", name: "Second Council" })
      .returning("id")
      .executeTakeFirstOrThrow();
    other = await t.app.platform.data.run(
      { tenantId: tenantB.id, actor: { id: "system:test" } },
      async (trx) => {
        const plan = await trx
          .insertInto("action_plans")
          .values({ title: "Their plan", starts_on: "2026-01-01", created_by: "system:test" })
          .returning("id")
          .executeTakeFirstOrThrow();
        const outcome = await trx
          .insertInto("plan_outcomes")
          .values({ plan_id: plan.id, number: 1, title: "Theirs" })
          .returning("id")
          .executeTakeFirstOrThrow();
        const action = await trx
          .insertInto("plan_actions")
          .values({
            outcome_id: outcome.id,
            title: "Their action",
            due_on: "2026-01-31",
            status: "on_track",
            created_by: "system:test",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { plan: plan.id, outcome: outcome.id, action: action.id };
      },
    );
  }, 240_000);
  afterAll(() => t.close());

  it("adds a plan, an outcome with its measures and an action through the forms", async () => {
    const made = await formPost(t.app, "/performance/plans/new", hr, {
      title: "Children's workforce strategy 2026 to 2029",
      "starts_on-day": "1",
      "starts_on-month": "4",
      "starts_on-year": "2026",
      "ends_on-day": "31",
      "ends_on-month": "3",
      "ends_on-year": "2029",
    });
    expect(made.statusCode).toBe(303);
    planId = String(made.headers.location).split("/").at(-1) as string;
    const plan = await db()
      .selectFrom("action_plans")
      .selectAll()
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({
      starts_on: "2026-04-01",
      ends_on: "2029-03-31",
      created_by: "user:00000000-0000-4000-8000-000000000001",
    });

    const outcomeUrl = `/performance/plans/${planId}/outcomes/new`;
    expect(
      html((await get(outcomeUrl, hr)).body)
        .querySelector("#number")
        ?.getAttribute("value"),
    ).toBe("1");
    const token = html((await get(outcomeUrl, hr)).body)
      .querySelector('input[name="_csrf"]')
      ?.getAttribute("value");
    const outcome = await t.app.inject({
      method: "POST",
      url: outcomeUrl,
      headers: { cookie: hr, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${token}&number=1&title=${encodeURIComponent("A sufficient and stable workforce")}&measure_keys=permanent_social_workers&measure_keys=average_caseload`,
    });
    expect(outcome.statusCode).toBe(303);
    const row = await db()
      .selectFrom("plan_outcomes")
      .selectAll()
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    outcomeId = row.id;
    expect(row.measure_keys).toEqual(["permanent_social_workers", "average_caseload"]);

    const action = await formPost(t.app, `/performance/plans/outcomes/${outcomeId}/actions/new`, hr, {
      title: "Run a recruitment campaign for permanent social workers",
      owner_person_id: id.alice as string,
      "due_on-day": "31",
      "due_on-month": "3",
      "due_on-year": "2027",
      status: "not_started",
    });
    expect(action.statusCode).toBe(303);
    actionId = (
      await db()
        .selectFrom("plan_actions")
        .select("id")
        .where("outcome_id", "=", outcomeId)
        .executeTakeFirstOrThrow()
    ).id;

    const page = html((await get(`/performance/plans/${planId}`, owner)).body);
    expect(text(page.querySelector("h1"))).toBe("Children's workforce strategy 2026 to 2029");
    expect(text(page.querySelector("#outcome-1 h2"))).toBe("Outcome 1: A sufficient and stable workforce");
    expect(page.querySelectorAll("#outcome-1 .measures li").map(text)).toEqual([
      "Permanent social workers",
      expect.any(String),
    ]);
    const cells = page.querySelectorAll("#actions-1 tbody tr td").map(text);
    expect(cells).toEqual([
      "Run a recruitment campaign for permanent social workers",
      "Alice Adams",
      "31 March 2027",
      "Not started",
    ]);
    // A viewer sees no links to change the plan.
    expect(page.querySelector(`a[href="/performance/plans/outcomes/${outcomeId}/edit"]`)).toBeNull();
    const list = html((await get("/performance/plans", viewer)).body);
    expect(list.querySelectorAll("#plans tbody tr td").map(text).slice(0, 1)).toEqual([
      "Children's workforce strategy 2026 to 2029",
    ]);
  });

  it("shows every error at once and writes nothing", async () => {
    const before = await Promise.all([count("action_plans"), count("plan_outcomes"), count("plan_actions")]);
    const plan = await formPost(t.app, "/performance/plans/new", hr, {
      title: "  ",
      "ends_on-day": "1",
      "ends_on-month": "13",
      "ends_on-year": "2026",
    });
    expect(plan.statusCode).toBe(400);
    expect(errorsOf(plan.body)).toEqual([
      { text: "Enter the plan's title", href: "#title" },
      { text: "Enter the start date", href: "#starts_on-day" },
      { text: "End date must be a real date", href: "#ends_on-month" },
    ]);
    expect(text(html(plan.body).querySelector("#title-error"))).toContain("Enter the plan's title");

    const backwards = await formPost(t.app, "/performance/plans/new", hr, {
      title: "Backwards",
      "starts_on-day": "1",
      "starts_on-month": "4",
      "starts_on-year": "2026",
      "ends_on-day": "1",
      "ends_on-month": "3",
      "ends_on-year": "2026",
    });
    expect(errorsOf(backwards.body)).toEqual([
      { text: "End date must be the same as or after the start date", href: "#ends_on-day" },
    ]);

    const taken = await formPost(t.app, `/performance/plans/${planId}/outcomes/new`, hr, {
      number: "1",
      title: "Another first outcome",
      measure_keys: "not_a_measure",
    });
    expect(taken.statusCode).toBe(400);
    expect(errorsOf(taken.body)).toEqual([{ text: "Select measures from the list", href: "#measure_keys" }]);
    const duplicate = await formPost(t.app, `/performance/plans/${planId}/outcomes/new`, hr, {
      number: "1",
      title: "Another first outcome",
    });
    expect(duplicate.statusCode).toBe(400);
    expect(errorsOf(duplicate.body)).toEqual([
      { text: "Outcome 1 already exists in this plan: enter another number", href: "#number" },
    ]);
    expect(html(duplicate.body).querySelector("#title")?.textContent).toBe("Another first outcome");

    const action = await formPost(t.app, `/performance/plans/outcomes/${outcomeId}/actions/new`, hr, {
      title: "",
      owner_person_id: "",
      "due_on-day": "30",
      "due_on-month": "2",
      "due_on-year": "2027",
    });
    expect(action.statusCode).toBe(400);
    expect(errorsOf(action.body)).toEqual([
      { text: "Enter the action", href: "#title" },
      { text: "Select who owns the action", href: "#owner_person_id" },
      { text: "Due date must be a real date", href: "#due_on-day" },
      { text: "Select the action's status", href: "#status" },
    ]);
    const stranger = await formPost(t.app, `/performance/plans/outcomes/${outcomeId}/actions/new`, hr, {
      title: "Someone else's",
      owner_person_id: "00000000-0000-4000-8000-0000000000ff",
      "due_on-day": "1",
      "due_on-month": "1",
      "due_on-year": "2027",
      status: "on_track",
    });
    expect(errorsOf(stranger.body)).toEqual([
      { text: "Select who owns the action from the list", href: "#owner_person_id" },
    ]);

    const update = await formPost(t.app, `/performance/plans/actions/${actionId}/updates/new`, hr, {
      body: "",
    });
    expect(errorsOf(update.body)).toEqual([
      { text: "Enter the update", href: "#body" },
      { text: "Select the action's status now", href: "#status" },
    ]);
    expect(await Promise.all([count("action_plans"), count("plan_outcomes"), count("plan_actions")])).toEqual(
      before,
    );
    expect(await count("plan_action_updates")).toBe(0);
  });

  it("changes an outcome and an action", async () => {
    const edit = `/performance/plans/outcomes/${outcomeId}/edit`;
    const form = html((await get(edit, hr)).body);
    expect(form.querySelector('input[value="average_caseload"]')?.hasAttribute("checked")).toBe(true);
    const res = await formPost(t.app, edit, hr, {
      number: "2",
      title: "A sufficient and stable workforce of appropriate skills",
      measure_keys: "average_caseload",
    });
    expect(res.statusCode).toBe(303);
    expect(
      await db()
        .selectFrom("plan_outcomes")
        .select(["number", "measure_keys"])
        .where("id", "=", outcomeId)
        .executeTakeFirst(),
    ).toEqual({ number: 2, measure_keys: ["average_caseload"] });
    await formPost(t.app, edit, hr, { number: "1", title: "A sufficient and stable workforce" });

    const actionEdit = `/performance/plans/actions/${actionId}/edit`;
    const page = html((await get(actionEdit, hr)).body);
    expect(page.querySelector("#due_on-year")?.getAttribute("value")).toBe("2027");
    expect(page.querySelector(`#owner_person_id option[value="${id.alice}"]`)?.hasAttribute("selected")).toBe(
      true,
    );
    const changed = await formPost(t.app, actionEdit, hr, {
      title: "Run a recruitment campaign for permanent social workers",
      owner_person_id: id.alice as string,
      "due_on-day": "30",
      "due_on-month": "4",
      "due_on-year": "2027",
    });
    expect(changed.statusCode).toBe(303);
    expect(
      (
        await db()
          .selectFrom("plan_actions")
          .select("due_on")
          .where("id", "=", actionId)
          .executeTakeFirstOrThrow()
      ).due_on,
    ).toBe("2027-04-30");
  });

  it("an update sets the action's status; complete records today, leaving complete clears it", async () => {
    const url = `/performance/plans/actions/${actionId}/updates/new`;
    const state = async () =>
      db()
        .selectFrom("plan_actions")
        .select(["status", "completed_on"])
        .where("id", "=", actionId)
        .executeTakeFirstOrThrow();
    expect((await formPost(t.app, url, hr, { body: "Adverts out", status: "at_risk" })).statusCode).toBe(303);
    expect(await state()).toEqual({ status: "at_risk", completed_on: null });
    t.clock.advance(60_000);
    const done = await formPost(t.app, url, hr, {
      body: "Eleven permanent social workers appointed",
      evidence: "https://intranet.example.org/recruitment/report",
      status: "complete",
    });
    expect(done.statusCode).toBe(303);
    expect(await state()).toEqual({ status: "complete", completed_on: "2026-11-23" });

    const page = html((await get(`/performance/plans/actions/${actionId}`, viewer)).body);
    expect(text(page.querySelector("#status"))).toBe("Complete");
    expect(text(page.querySelector("#completed-on"))).toBe("23 November 2026");
    expect(page.querySelectorAll(".update-body").map(text)).toEqual([
      "Eleven permanent social workers appointed",
      "Adverts out",
    ]);
    expect(page.querySelector(".update-evidence a")?.getAttribute("href")).toBe(
      "https://intranet.example.org/recruitment/report",
    );
    // The test sessions have no user record: the update shows its date alone.
    expect(text(page.querySelector(".update h3"))).toBe("23 November 2026");

    t.clock.advance(60_000);
    await formPost(t.app, url, hr, { body: "Two appointments fell through", status: "on_track" });
    expect(await state()).toEqual({ status: "on_track", completed_on: null });
  });

  it("flags overdue actions on the plan page and counts them in the summary", async () => {
    const res = await formPost(t.app, `/performance/plans/outcomes/${outcomeId}/actions/new`, hr, {
      title: "Review market supplements",
      owner_person_id: id.eve as string,
      "due_on-day": "1",
      "due_on-month": "11",
      "due_on-year": "2026",
      status: "on_track",
    });
    expect(res.statusCode).toBe(303);
    overdueId = (
      await db()
        .selectFrom("plan_actions")
        .select("id")
        .where("title", "=", "Review market supplements")
        .executeTakeFirstOrThrow()
    ).id;
    const page = html((await get(`/performance/plans/${planId}`, viewer)).body);
    expect(text(page.querySelector("#overdue-count"))).toBe("1 overdue");
    const rows = page.querySelectorAll("#actions-1 tbody tr").map((r) => r.querySelectorAll("td").map(text));
    expect(rows).toEqual([
      ["Review market supplements", "Eve Evans", "1 November 2026", "On track Overdue"],
      ["Run a recruitment campaign for permanent social workers", "Alice Adams", "30 April 2027", "On track"],
    ]);
    expect(page.querySelector("#actions-1 .govuk-tag--red")?.textContent).toBe("Overdue");
    expect(page.querySelectorAll("#overdue tbody tr").map((r) => text(r.querySelector("td")))).toEqual([
      "Review market supplements",
    ]);
    const list = html((await get("/performance/plans", viewer)).body);
    expect(text(list.querySelector("#plans tbody tr td:last-child"))).toBe("1 overdue");

    const summary = await t.app.plans.summary(ctx, planId);
    expect(summary?.counts).toEqual({ total: 2, complete: 0, overdue: 1, atRisk: 0 });
    expect(
      summary?.outcomes.map((o) => o.actions.map((a) => [a.action.title, a.overdue, a.ownerName])),
    ).toEqual([
      [
        ["Review market supplements", true, "Eve Evans"],
        ["Run a recruitment campaign for permanent social workers", false, "Alice Adams"],
      ],
    ]);
  });

  it("summary() gives the latest plan by start date when no plan is named, with the latest update", async () => {
    await t.app.platform.data.run(ctx, (trx) =>
      trx
        .insertInto("action_plans")
        .values({ title: "Older strategy", starts_on: "2023-04-01", created_by: "system:test" })
        .execute(),
    );
    const summary = await t.app.plans.summary(ctx);
    expect(summary?.plan.id).toBe(planId);
    expect(summary?.asAt).toBe("2026-11-23");
    expect(summary?.outcomes[0]?.outcome).toMatchObject({
      number: 1,
      title: "A sufficient and stable workforce",
    });
    const line = summary?.outcomes[0]?.actions.find((a) => a.action.id === actionId);
    expect(line?.lastUpdate).toMatchObject({ body: "Two appointments fell through", status: "on_track" });
    expect(await t.app.plans.summary(ctx, other.plan)).toBeNull();
  });

  it("summary() for a past month end gives the plan as it stood then (the audit trail), not today's statuses", async () => {
    const today = t.clock.now();
    try {
      t.clock.set("2026-10-05T10:00:00Z");
      const agreed = await t.app.plans.createAction(ctx, outcomeId, {
        title: "Agree the market supplement",
        ownerPersonId: id.eve as string,
        dueOn: "2026-12-31",
        status: "on_track",
      });
      // 23:30 on 31 October in London (GMT by then) is still October.
      t.clock.set("2026-10-31T23:30:00Z");
      await t.app.plans.addUpdate(ctx, agreed, {
        body: "Unions asked for time",
        evidence: null,
        status: "off_track",
      });
      t.clock.set(today);
      await t.app.plans.addUpdate(ctx, agreed, {
        body: "Supplement agreed",
        evidence: null,
        status: "complete",
      });

      const october = await t.app.plans.summary(ctx, planId, "2026-10-31");
      expect(october?.asAt).toBe("2026-10-31");
      // The other actions were added in November: October's plan has this one, off track then.
      expect(
        october?.outcomes.flatMap((o) =>
          o.actions.map((a) => [a.action.title, a.action.status, a.lastUpdate?.body]),
        ),
      ).toEqual([["Agree the market supplement", "off_track", "Unions asked for time"]]);
      expect(october?.counts).toEqual({ total: 1, complete: 0, overdue: 0, atRisk: 1 });
      expect((await t.app.plans.summary(ctx, planId, "2026-09-30"))?.counts.total).toBe(0);
      // Today: complete, with today's update.
      const now = await t.app.plans.summary(ctx, planId);
      const line = now?.outcomes.flatMap((o) => o.actions).find((a) => a.action.id === agreed);
      expect([line?.action.status, line?.lastUpdate?.body]).toEqual(["complete", "Supplement agreed"]);
    } finally {
      t.clock.set(today);
      // The later tests count the plan's actions as the forms made them.
      await t.app.platform.data.run(ctx, (trx) =>
        trx.deleteFrom("plan_actions").where("title", "=", "Agree the market supplement").execute(),
      );
    }
  });

  it("lets an action's owner add updates without manage; another viewer may not", async () => {
    const url = `/performance/plans/actions/${actionId}/updates/new`;
    const mine = html((await get(`/performance/plans/actions/${actionId}`, owner)).body);
    expect(mine.querySelector(`a[href="${url}"]`)).not.toBeNull();
    expect(mine.querySelector(`a[href="/performance/plans/actions/${actionId}/edit"]`)).toBeNull();
    expect((await get(url, owner)).statusCode).toBe(200);
    t.clock.advance(60_000);
    const res = await formPost(t.app, url, owner, { body: "Interviews booked", status: "on_track" });
    expect(res.statusCode).toBe(303);
    const latest = await db()
      .selectFrom("plan_action_updates")
      .select(["body", "written_by"])
      .where("action_id", "=", actionId)
      .orderBy("written_at", "desc")
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({
      body: "Interviews booked",
      written_by: "user:00000000-0000-4000-8000-000000000002",
    });

    expect((await get(url, viewer)).statusCode).toBe(403);
    const before = await count("plan_action_updates");
    const refused = await formPost(
      t.app,
      url,
      viewer,
      { body: "Not mine", status: "complete" },
      {
        pageUrl: `/performance/plans/actions/${actionId}`,
      },
    );
    expect(refused.statusCode).toBe(403);
    // The owner of one action may not update another.
    expect((await get(`/performance/plans/actions/${overdueId}/updates/new`, owner)).statusCode).toBe(403);
    expect((await get(`/performance/plans/${planId}/outcomes/new`, owner)).statusCode).toBe(403);
    expect(await count("plan_action_updates")).toBe(before);
  });

  it("refuses changes to a senior leader held on one unit (plans are the council's)", async () => {
    expect((await get(`/performance/plans/${planId}`, unitSenior)).statusCode).toBe(200);
    for (const url of [
      "/performance/plans/new",
      `/performance/plans/${planId}/outcomes/new`,
      `/performance/plans/outcomes/${outcomeId}/edit`,
      `/performance/plans/outcomes/${outcomeId}/actions/new`,
      `/performance/plans/actions/${actionId}/edit`,
      `/performance/plans/actions/${actionId}/updates/new`,
    ]) {
      expect([url, (await get(url, unitSenior)).statusCode]).toEqual([url, 403]);
    }
    const before = await count("action_plans");
    const refused = await formPost(
      t.app,
      "/performance/plans/new",
      unitSenior,
      { title: "Mine", "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2027" },
      { pageUrl: `/performance/plans/${planId}` },
    );
    expect(refused.statusCode).toBe(403);
    expect(await count("action_plans")).toBe(before);
  });

  it("answers 404 for another council's plan, outcome and action, and for ids that are not ids", async () => {
    for (const url of [
      `/performance/plans/${other.plan}`,
      `/performance/plans/${other.plan}/outcomes/new`,
      `/performance/plans/outcomes/${other.outcome}/edit`,
      `/performance/plans/outcomes/${other.outcome}/actions/new`,
      `/performance/plans/actions/${other.action}`,
      `/performance/plans/actions/${other.action}/edit`,
      `/performance/plans/actions/${other.action}/updates/new`,
      "/performance/plans/not-a-plan",
      "/performance/plans/actions/not-an-action",
    ]) {
      expect([url, (await get(url, hr)).statusCode]).toEqual([url, 404]);
    }
    expect((await get(`/performance/plans/actions/${other.action}/updates/new`, viewer)).statusCode).toBe(
      404,
    );
    const res = await formPost(
      t.app,
      `/performance/plans/actions/${other.action}/updates/new`,
      hr,
      { body: "Sneaky", status: "complete" },
      { pageUrl: `/performance/plans/actions/${actionId}` },
    );
    expect(res.statusCode).toBe(404);
  });

  it("exports the plan's actions as CSV and XLSX", async () => {
    const csv = await get(`/performance/plans/${planId}?format=csv`, viewer);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "Outcome number,Outcome,Action,Owner,Due date,Status,Overdue,Completed on,Latest update,Latest update date,Evidence",
    );
    expect(lines[1]).toBe(
      "1,A sufficient and stable workforce,Review market supplements,Eve Evans,2026-11-01,On track,Yes,,,,",
    );
    expect(lines[2]).toContain(
      "Run a recruitment campaign for permanent social workers,Alice Adams,2027-04-30,On track,No,,Interviews booked,2026-11-23,",
    );

    const xlsx = await t.app.inject({
      url: `/performance/plans/${planId}?format=xlsx`,
      headers: { cookie: viewer },
    });
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(3).value).toBe("Review market supplements");
  });
});
