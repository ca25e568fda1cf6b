import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPolicyFixture } from "./test-fixture.js";

/**
 * The policy, settings and agreement pages. The fixture's council has a default rule (every 4
 * weeks from 1 January 2024); Pat's agreement of 5 January 2026 names Lina as supervisor. Today is
 * 23 November 2026.
 */
describe("supervision policy pages", () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof seedPolicyFixture>>;
  let hr: string;
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const ruleCount = () =>
    f.run(async (db) => (await db.selectFrom("supervision_policy_rules").select("id").execute()).length);
  const ruleFields = (extra: Record<string, string> = {}) => ({
    applies_to: "job_role",
    every_value: "4",
    every_unit: "weeks",
    part_time: "pro_rata",
    counting_kinds: "individual",
    expected_minutes: "90",
    "valid_from-day": "1",
    "valid_from-month": "12",
    "valid_from-year": "2026",
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPolicyFixture(t);
    hr = await f.signInAs("hr_workforce_analyst");
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  describe("rules", () => {
    it("shows the rules in force and the default settings", async () => {
      const res = await t.app.inject({ url: "/supervision/policy", headers: { cookie: hr } });
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      expect(text(doc.querySelector("caption"))).toBe("Rules in force today");
      expect(text(doc.querySelector("tbody tr"))).toContain("Every 4 weeks");
      expect(res.body).toContain("7 days before the due date");
      expect(res.body).toContain("90%");
    });

    it("reports every problem with an empty rule and writes nothing", async () => {
      const before = await ruleCount();
      const res = await formPost(t.app, "/supervision/policy/rules/new", hr, { counting_kinds: "" });
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)).toEqual([
        "Select who the rule applies to",
        "Enter how often, like 4",
        "Select weeks or months",
        "Select how part-time staff are supervised",
        "Select at least one kind of supervision that counts",
        "Enter the date the rule starts",
      ]);
      expect(await ruleCount()).toBe(before);
    });

    it("refuses numbers out of range and a job role rule without a job role", async () => {
      const res = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ every_value: "60", expected_minutes: "2" }),
      );
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)).toEqual([
        "Select a job role",
        "How often must be a whole number from 1 to 52",
        "Expected length must be a whole number of minutes from 5 to 600",
      ]);
    });

    it("refuses a second default rule overlapping the one in force, with a clear message", async () => {
      const before = await ruleCount();
      const res = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ applies_to: "default", every_value: "6" }),
      );
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)).toEqual([
        "A rule for the same people is in force from 1 January 2024 with no end date: end it on 30 November 2026 first, or start this rule after it ends",
      ]);
      expect(await ruleCount()).toBe(before);
    });

    it("adds a job role rule, pro rata, counting individual supervision", async () => {
      const sw = await f.jobRole("SW");
      const res = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ job_role_id: sw, counting_kinds: "individual" }),
      );
      expect(res.statusCode).toBe(303);
      const rule = await f.run((db) =>
        db
          .selectFrom("supervision_policy_rules")
          .selectAll()
          .where("job_role_id", "=", sw)
          .executeTakeFirstOrThrow(),
      );
      expect(rule).toMatchObject({
        applies_to: "job_role",
        every_value: 4,
        every_unit: "weeks",
        part_time: "pro_rata",
        counting_kinds: ["individual"],
        expected_minutes: 90,
        valid_from: "2026-12-01",
        valid_to: null,
      });
      const page = await t.app.inject({ url: res.headers.location as string, headers: { cookie: hr } });
      expect(page.body).toContain("Social worker");
      expect(page.body).toContain("From a later date");
      // A second rule for the same job role later on overlaps it.
      const again = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ job_role_id: sw, "valid_from-year": "2027" }),
      );
      expect(again.statusCode).toBe(400);
    });

    it("adds a career level rule and an early career rule (no interval needed)", async () => {
      const level = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({
          applies_to: "career_level",
          career_level: "senior",
          every_value: "1",
          every_unit: "months",
        }),
      );
      expect(level.statusCode).toBe(303);
      const unknown = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ applies_to: "career_level", career_level: "wizard" }),
      );
      expect(errors(unknown.body)).toEqual(["Select a career level from the list"]);
      const early = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({ applies_to: "early_career", every_value: "", every_unit: "" }),
      );
      expect(early.statusCode).toBe(303);
      const rule = await f.run((db) =>
        db
          .selectFrom("supervision_policy_rules")
          .selectAll()
          .where("applies_to", "=", "early_career")
          .executeTakeFirstOrThrow(),
      );
      expect(rule.every_value).toBeNull();
      const policy = await f.run((db) => t.app.supervisionPolicy.rules(db));
      expect(policy.map((r) => r.appliesTo).sort()).toEqual([
        "career_level",
        "default",
        "early_career",
        "job_role",
      ]);
    });

    it("changes a rule by ending it and adding the next one", async () => {
      const ruleId = f.practice.council.rule;
      const endUrl = `/supervision/policy/rules/${ruleId}/end`;
      const empty = await formPost(t.app, endUrl, hr, {});
      expect(errors(empty.body)).toEqual(["Enter the last day the rule is in force"]);
      const tooEarly = await formPost(t.app, endUrl, hr, {
        "end_on-day": "31",
        "end_on-month": "12",
        "end_on-year": "2023",
      });
      expect(errors(tooEarly.body)).toEqual([
        "The last day must be on or after the day the rule started, 1 January 2024",
      ]);
      const ended = await formPost(t.app, endUrl, hr, {
        "end_on-day": "31",
        "end_on-month": "12",
        "end_on-year": "2026",
      });
      expect(ended.statusCode).toBe(303);
      // The "add the next one" form starts from it, the day after.
      const next = await t.app.inject({
        url: `/supervision/policy/rules/new?after=${ruleId}`,
        headers: { cookie: hr },
      });
      const doc = html(next.body);
      expect(doc.querySelector("#valid_from-day")?.getAttribute("value")).toBe("1");
      expect(doc.querySelector("#valid_from-year")?.getAttribute("value")).toBe("2027");
      const added = await formPost(
        t.app,
        "/supervision/policy/rules/new",
        hr,
        ruleFields({
          applies_to: "default",
          every_value: "6",
          "valid_from-day": "1",
          "valid_from-month": "1",
          "valid_from-year": "2027",
        }),
      );
      expect(added.statusCode).toBe(303);
      // Not ended twice: the end page goes back to the rule, and a POST is refused.
      const again = await formPost(
        t.app,
        endUrl,
        hr,
        { "end_on-day": "1", "end_on-month": "1", "end_on-year": "2027" },
        { pageUrl: "/supervision/policy/settings" },
      );
      expect(errors(again.body)).toEqual(["This rule already ended on 31 December 2026"]);
      const page = await t.app.inject({ url: "/supervision/policy", headers: { cookie: hr } });
      expect(page.body).toContain("Rules from a later date");
    });

    it("lets practitioners read the policy but not change it", async () => {
      const pat = await f.signInAs("practitioner");
      const page = await t.app.inject({ url: "/supervision/policy", headers: { cookie: pat } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("Add a rule");
      const form = await t.app.inject({ url: "/supervision/policy/rules/new", headers: { cookie: pat } });
      expect(form.statusCode).toBe(403);
    });

    it("exports the rules", async () => {
      const res = await t.app.inject({ url: "/supervision/policy?format=csv", headers: { cookie: hr } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Applies to,Job role or career level,How often");
    });
  });

  describe("settings", () => {
    it("refuses numbers out of range and saves good ones", async () => {
      const bad = await formPost(t.app, "/supervision/policy/settings", hr, {
        max_direct_reports: "0",
        due_soon_days: "soon",
        in_date_target_percent: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(errors(bad.body)).toEqual([
        "The most direct reports must be a whole number from 1 to 50",
        "The due soon days must be a whole number from 0 to 60",
        "Enter the target percentage",
      ]);
      const good = await formPost(t.app, "/supervision/policy/settings", hr, {
        max_direct_reports: "8",
        due_soon_days: "14",
        in_date_target_percent: "85",
      });
      expect(good.statusCode).toBe(303);
      const s = await f.run((db) => t.app.supervisionPolicy.settings(db));
      expect(s).toEqual({ maxDirectReports: 8, dueSoonDays: 14, inDateTargetPercent: 85 });
    });
  });

  describe("agreements", () => {
    const agreementFields = (supervisor: string, extra: Record<string, string> = {}) => ({
      supervisor_person_id: supervisor,
      "agreed_on-day": "16",
      "agreed_on-month": "11",
      "agreed_on-year": "2026",
      "review_on-day": "16",
      "review_on-month": "11",
      "review_on-year": "2027",
      frequency_text: "Every 4 weeks, 90 minutes",
      arrangements: "Tuesday mornings in the team room",
      ...extra,
    });

    it("shows the current agreement and a review due once past its review date", async () => {
      await f.run((db) =>
        db
          .updateTable("supervision_agreements")
          .set({ review_on: "2026-11-01" })
          .where("id", "=", f.practice.council.agreement)
          .execute(),
      );
      const lina = await f.signInAs("line_manager");
      const res = await t.app.inject({
        url: `/supervision/people/${f.pat}/agreement`,
        headers: { cookie: lina },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Lina Line");
      expect(res.body).toContain("Review due");
      expect(res.body).toContain("Record a new agreement");
    });

    it("reports problems and writes nothing", async () => {
      const lina = await f.signInAs("line_manager");
      const url = `/supervision/people/${f.pat}/agreement`;
      const empty = await formPost(t.app, url, lina, { supervisor_person_id: "" });
      expect(empty.statusCode).toBe(400);
      expect(errors(empty.body)).toEqual(["Select the supervisor", "Enter the date it was agreed"]);
      const order = await formPost(t.app, url, lina, agreementFields(f.lina, { "review_on-year": "2025" }));
      expect(errors(order.body)).toEqual(["Review date must be after the date it was agreed"]);
      const self = await formPost(t.app, url, lina, agreementFields(f.pat));
      expect(errors(self.body)).toEqual(["The supervisor must be someone other than the supervisee"]);
      const count = await f.run(
        async (db) =>
          (
            await db
              .selectFrom("supervision_agreements")
              .select("id")
              .where("person_id", "=", f.pat)
              .execute()
          ).length,
      );
      expect(count).toBe(1);
    });

    it("records a new agreement that both sign; others may not sign it", async () => {
      const lina = await f.signInAs("line_manager");
      const res = await formPost(
        t.app,
        `/supervision/people/${f.pat}/agreement`,
        lina,
        agreementFields(f.lina),
      );
      expect(res.statusCode).toBe(303);
      const href = res.headers.location as string;
      const agreementId = href.split("/").pop() as string;
      const current = await f.run((db) => t.app.supervisionPolicy.currentAgreement(db, f.pat, "2026-11-23"));
      expect(current).toEqual({
        id: agreementId,
        supervisorPersonId: f.lina,
        agreedOn: "2026-11-16",
        reviewOn: "2027-11-16",
        superviseeSignedOn: null,
        supervisorSignedOn: null,
      });

      const pat = await f.signInAs("practitioner");
      const page = await t.app.inject({ url: href, headers: { cookie: pat } });
      expect(page.body).toContain("Sign as the supervisee");
      expect((await formPost(t.app, `${href}/sign`, pat, {}, { pageUrl: href })).statusCode).toBe(303);
      expect((await formPost(t.app, `${href}/sign`, lina, {}, { pageUrl: href })).statusCode).toBe(303);
      const sam = await f.signInAs("service_manager");
      const samSign = await formPost(t.app, `${href}/sign`, sam, {}, { pageUrl: href });
      expect(samSign.statusCode).toBe(403);
      const signed = await f.run((db) => t.app.supervisionPolicy.currentAgreement(db, f.pat, "2026-11-23"));
      expect(signed?.superviseeSignedOn).toBe("2026-11-23");
      expect(signed?.supervisorSignedOn).toBe("2026-11-23");

      // The earlier agreement is history: it shows as replaced and cannot be signed.
      const old = `/supervision/agreements/${f.practice.council.agreement}`;
      const oldPage = await t.app.inject({ url: old, headers: { cookie: pat } });
      expect(oldPage.body).toContain("A later agreement has replaced this one.");
      expect(oldPage.body).not.toContain("Sign as the supervisee");
    });

    it("lets the supervisee read but not record their own agreement", async () => {
      const pat = await f.signInAs("practitioner");
      const url = `/supervision/people/${f.pat}/agreement`;
      const page = await t.app.inject({ url, headers: { cookie: pat } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("Record a new agreement");
      const post = await formPost(t.app, url, pat, agreementFields(f.lina));
      expect(post.statusCode).toBe(403);
    });

    it("answers 404 for an agreement or person out of reach", async () => {
      const lina = await f.signInAs("line_manager");
      const outside = `/supervision/agreements/${f.practice.outOfScope.agreement}`;
      expect((await t.app.inject({ url: outside, headers: { cookie: lina } })).statusCode).toBe(404);
      const other = `/supervision/agreements/${f.practice.other.agreement}`;
      const qa = await f.signInAs("quality_assurance_lead");
      expect((await t.app.inject({ url: other, headers: { cookie: qa } })).statusCode).toBe(404);
      expect((await t.app.inject({ url: outside, headers: { cookie: qa } })).statusCode).toBe(200);
      expect(
        (await t.app.inject({ url: "/supervision/agreements/not-a-uuid", headers: { cookie: qa } }))
          .statusCode,
      ).toBe(404);
    });

    it("removes the arrangements when a leaver is anonymised", async () => {
      await f.run((db) => t.app.people.anonymise(db, f.pat));
      const rows = await f.run((db) =>
        db
          .selectFrom("supervision_agreements")
          .select(["arrangements", "frequency_text", "agreed_on"])
          .where("person_id", "=", f.pat)
          .execute(),
      );
      expect(rows.length).toBe(2);
      for (const r of rows) {
        expect(r.arrangements).toBeNull();
        expect(r.frequency_text).toBeNull();
      }
    });
  });
});
