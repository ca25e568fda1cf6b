import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedLeaversFixture } from "./test-fixture.js";

/** Stay conversations: the list, recording, reading and changing one, by scope (today 23 November 2026). */
describe("stay conversations", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let conversation: Record<string, string>;
  let hr: string;
  let mo: string;
  let earlyHelp: string;
  let practitioner: string;
  let senior: string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const listed = (body: string) =>
    html(body)
      .querySelectorAll('[data-table="conversations"] tbody tr')
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom("stay_conversations")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    const f = await seedLeaversFixture(t);
    id = f.id;
    conversation = f.conversation;
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }], personId: id.eve });
    mo = await t.signIn({ roles: [{ role: "line_manager", unitId: id.T1 as string }], personId: id.mo });
    earlyHelp = await t.signIn({ roles: [{ role: "service_manager", unitId: id.S2 as string }] });
    practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id.stu });
    senior = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
  });
  afterAll(() => t.close());

  it("lists the conversations of people in scope, filtered by outcome, with exports", async () => {
    const all = await get("/workforce/stay-conversations", hr);
    expect(all.statusCode).toBe(200);
    expect(listed(all.body).map((r) => r[0])).toContain("Lev1 Test");
    expect(listed(all.body)).toHaveLength(9);
    // Mo sees his report Stu's conversation only: not his own, not Eve's.
    const mine = await get("/workforce/stay-conversations", mo);
    expect(listed(mine.body)).toEqual([
      ["Stu Test", "2 November 2026", "Mo Test", "Workload", "Staying", ""],
    ]);
    const staying = await get("/workforce/stay-conversations?outcome=staying", hr);
    expect(
      listed(staying.body)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["Alice Adams", "Stu Test"]);
    const csv = await get("/workforce/stay-conversations?outcome=left&format=csv", hr);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Person,Held on,Held by,Themes,Outcome,Follow-up");
    expect(csv.body.trim().split("\n")).toHaveLength(6);
  });

  it("shows a conversation in scope; 404 outside it or about oneself; 403 without the permission", async () => {
    const own = await get(`/workforce/stay-conversations/${conversation.stu}`, mo);
    expect(own.statusCode).toBe(200);
    expect(text(html(own.body).querySelector("[data-conversation]"))).toContain("Staying");
    expect((await get(`/workforce/stay-conversations/${conversation.mo}`, mo)).statusCode).toBe(404);
    expect((await get(`/workforce/stay-conversations/${conversation.mo}`, hr)).statusCode).toBe(200);
    expect((await get(`/workforce/stay-conversations/${conversation.eve}`, mo)).statusCode).toBe(404);
    expect((await get(`/workforce/stay-conversations/${conversation.stu}`, earlyHelp)).statusCode).toBe(404);
    expect((await get("/workforce/stay-conversations/not-a-uuid", hr)).statusCode).toBe(404);
    expect((await get(`/workforce/stay-conversations/${conversation.stu}`, practitioner)).statusCode).toBe(
      403,
    );
    expect((await get("/workforce/stay-conversations", senior)).statusCode).toBe(403);
  });

  it("records a conversation, held by the viewer by default", async () => {
    const chooser = await get("/workforce/stay-conversations/new", mo);
    expect(chooser.statusCode).toBe(200);
    const options = html(chooser.body)
      .querySelectorAll("#person option")
      .map((o) => text(o));
    expect(options).toEqual(["Select a person", "Rae Test", "Stu Test", "Sue Test"]);
    const form = await get(`/workforce/stay-conversations/new?person=${id.sue}`, mo);
    expect(html(form.body).querySelector("#held_by option[selected]")?.getAttribute("value")).toBe(id.mo);
    expect(html(form.body).querySelector("#held_on-day")?.getAttribute("value")).toBe("23");
    const before = await count();
    const res = await formPost(t.app, `/workforce/stay-conversations/new?person=${id.sue}`, mo, {
      "held_on-day": "20",
      "held_on-month": "11",
      "held_on-year": "2026",
      held_by: id.mo as string,
      themes: "career_path",
      actions: "Talk to the service manager about the senior practitioner post",
      outcome: "undecided",
      "follow_up_on-day": "4",
      "follow_up_on-month": "12",
      "follow_up_on-year": "2026",
    });
    expect(res.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
    const shown = await get(res.headers.location as string, mo);
    const summary = text(html(shown.body).querySelector("[data-conversation]"));
    expect(summary).toContain("20 November 2026");
    expect(summary).toContain("Mo Test");
    expect(summary).toContain("Career path");
    expect(summary).toContain("Undecided");
    expect(summary).toContain("4 December 2026");
  });

  it("reports every problem at once and writes nothing", async () => {
    const before = await count();
    const res = await formPost(t.app, `/workforce/stay-conversations/new?person=${id.sue}`, mo, {
      "held_on-day": "31",
      "held_on-month": "2",
      "held_on-year": "2026",
      held_by: "",
      themes: "gossip",
      actions: "x".repeat(2001),
      "follow_up_on-month": "12",
    });
    expect(res.statusCode).toBe(400);
    const summary = html(res.body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => [a.getAttribute("href"), text(a)]);
    expect(summary).toEqual([
      ["#held_on-day", "Date held must be a real date"],
      ["#held_by", "Select who held the conversation"],
      ["#themes", "Select themes from the list"],
      ["#actions", "Actions agreed must be 2000 characters or fewer"],
      ["#outcome", "Select the outcome of the conversation"],
      ["#follow_up_on-day", "Follow-up date must include a day and year"],
    ]);
    // Follow-up before the date held.
    const early = await formPost(t.app, `/workforce/stay-conversations/new?person=${id.sue}`, mo, {
      "held_on-day": "20",
      "held_on-month": "11",
      "held_on-year": "2026",
      held_by: id.mo as string,
      outcome: "staying",
      "follow_up_on-day": "1",
      "follow_up_on-month": "11",
      "follow_up_on-year": "2026",
    });
    expect(early.statusCode).toBe(400);
    expect(text(html(early.body).querySelector(".govuk-error-summary"))).toContain(
      "Follow-up date must be on or after the date held",
    );
    // Someone outside the scope named as holding it.
    const outside = await formPost(t.app, `/workforce/stay-conversations/new?person=${id.sue}`, mo, {
      "held_on-day": "20",
      "held_on-month": "11",
      "held_on-year": "2026",
      held_by: id.eve as string,
      outcome: "staying",
    });
    expect(outside.statusCode).toBe(400);
    expect(text(html(outside.body).querySelector(".govuk-error-summary"))).toContain(
      "Select who held the conversation from the list",
    );
    expect(await count()).toBe(before);
  });

  it("answers 404 for a person outside the scope, and asks for a person when none is given", async () => {
    expect((await get(`/workforce/stay-conversations/new?person=${id.eve}`, mo)).statusCode).toBe(404);
    expect((await get(`/workforce/stay-conversations/new?person=${id.mo}`, mo)).statusCode).toBe(404);
    const outside = await formPost(
      t.app,
      `/workforce/stay-conversations/new?person=${id.eve}`,
      mo,
      {
        "held_on-day": "20",
        "held_on-month": "11",
        "held_on-year": "2026",
        held_by: id.mo as string,
        outcome: "staying",
      },
      { pageUrl: `/workforce/stay-conversations/new?person=${id.sue}` },
    );
    expect(outside.statusCode).toBe(404);
    const noPerson = await formPost(
      t.app,
      "/workforce/stay-conversations/new",
      mo,
      {},
      {
        pageUrl: `/workforce/stay-conversations/new?person=${id.sue}`,
      },
    );
    expect(noPerson.statusCode).toBe(400);
    expect(text(html(noPerson.body).querySelector(".govuk-error-summary"))).toContain("Select a person");
  });

  it("changes the outcome, follow-up and actions", async () => {
    const url = `/workforce/stay-conversations/${conversation.stu}/edit`;
    const form = await get(url, mo);
    expect(
      html(form.body).querySelector('input[name="outcome"][value="staying"]')?.hasAttribute("checked"),
    ).toBe(true);
    const bad = await formPost(t.app, url, mo, { outcome: "" });
    expect(bad.statusCode).toBe(400);
    const res = await formPost(t.app, url, mo, {
      outcome: "leaving",
      "follow_up_on-day": "1",
      "follow_up_on-month": "12",
      "follow_up_on-year": "2026",
      actions: "Exit interview booked",
    });
    expect(res.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom("stay_conversations")
      .select(["outcome", "follow_up_on", "actions"])
      .where("id", "=", conversation.stu as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: "leaving", follow_up_on: "2026-12-01", actions: "Exit interview booked" });
    expect((await get(`/workforce/stay-conversations/${conversation.eve}/edit`, mo)).statusCode).toBe(404);
  });
});
