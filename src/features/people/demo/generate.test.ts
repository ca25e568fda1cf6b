import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { addDays } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { inPostContractTypes } from "../people.service.js";
import { leavingDestinations, leavingReasons } from "../reference/dfe-codes.js";
import { coverContractTypes, SWE_NUMBER } from "../reference/domain.js";
import { authorityNamesFor } from "./authorities.js";
import { DEMO_ACTOR, type GenerateResult, generateAuthority } from "./generate.js";
import { planAuthority } from "./plan.js";
import { seedDemoIfEmpty } from "./seed-demo.js";
import { summarisePlan } from "./summary.js";

/**
 * The demo authority, generated once into the test database through PeopleService: its shape
 * (about 600 staff, 15-20% agency social workers, vacancies, three years of leavers, a
 * restructure, about 100 foster carer households) and that the same seed gives the same rows.
 */
describe("demo authority generator", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let today: string;
  let result: GenerateResult;
  const SEED = 42;
  const NAME = "Test Borough Council";

  const generate = (tenantId: string) =>
    generateAuthority({
      tenantId,
      authorityName: NAME,
      seed: SEED,
      staff: 600,
      today,
      people: t.app.people,
      data: t.app.platform.data,
      concurrency: t.database.kind === "postgres" ? 4 : 1,
    });
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: DEMO_ACTOR };
    today = t.app.people.today();
    result = await generate(t.tenantId);
  }, 120_000);
  afterAll(() => t.close());

  it("has about 600 staff working today, most employed by the council", async () => {
    const rows = await run((db) =>
      db
        .selectFrom("assignments")
        .innerJoin("people", "people.id", "assignments.person_id")
        .select(["assignments.person_id", "assignments.contract_type"])
        .where("people.kind", "=", "staff")
        .where("assignments.valid_from", "<=", today)
        .where((eb) =>
          eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", today)]),
        )
        .execute(),
    );
    const staff = new Set(rows.map((r) => r.person_id));
    const inPost = new Set(
      rows.filter((r) => inPostContractTypes.includes(r.contract_type)).map((r) => r.person_id),
    );
    expect(staff.size).toBeGreaterThanOrEqual(570);
    expect(staff.size).toBeLessThanOrEqual(630);
    expect(inPost.size).toBeGreaterThan(staff.size * 0.8);
    expect(staff.size).toBe(result.summary.staffToday);
  });

  it("covers 15-20% of social worker FTE with agency or locum workers", async () => {
    const rows = await run((db) =>
      db
        .selectFrom("assignments")
        .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
        .select(["assignments.contract_type", "assignments.fte"])
        .where("job_roles.social_work_qualified", "=", true)
        .where("assignments.valid_from", "<=", today)
        .where((eb) =>
          eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", today)]),
        )
        .execute(),
    );
    const agency = rows
      .filter((r) => coverContractTypes.includes(r.contract_type))
      .reduce((n, r) => n + r.fte, 0);
    const total = rows.reduce((n, r) => n + r.fte, 0);
    expect(agency / total).toBeGreaterThanOrEqual(0.15);
    expect(agency / total).toBeLessThanOrEqual(0.2);
  });

  it("has vacancies: posts not fully held by an employee, some covered, some not", async () => {
    const posts = await run(async (db) => {
      const rows = await sql<{ reference: string; fte: number; held: number; cover: number }>`
        select p.reference, p.fte::float8 as fte,
          coalesce(sum(a.fte) filter (where a.contract_type not in ('agency', 'locum')), 0)::float8 as held,
          coalesce(sum(a.fte) filter (where a.contract_type in ('agency', 'locum')), 0)::float8 as cover
        from posts p
        left join assignments a on a.post_id = p.id and a.valid_from <= ${today}::date
          and (a.valid_to is null or a.valid_to >= ${today}::date)
        where p.valid_from <= ${today}::date and (p.valid_to is null or p.valid_to >= ${today}::date)
        group by p.id`.execute(db);
      return rows.rows;
    });
    const vacant = posts.filter((p) => p.held < p.fte - 0.001);
    expect(vacant.length).toBeGreaterThan(20);
    expect(vacant.filter((p) => p.cover > 0).length).toBeGreaterThan(10);
    expect(vacant.filter((p) => p.held === 0 && p.cover === 0).length).toBeGreaterThan(5);
    // Nobody holds more than a post's FTE.
    expect(posts.filter((p) => p.held > p.fte + 0.001)).toEqual([]);
  });

  it("has leavers in each of the last three years, with DfE reason and destination codes", async () => {
    const leavers = await run((db) =>
      db.selectFrom("leavings").select(["left_on", "reason_code", "destination_code", "person_id"]).execute(),
    );
    for (const year of [0, 1, 2]) {
      const to = addDays(today, -365 * year);
      const from = addDays(today, -365 * (year + 1));
      expect(leavers.filter((l) => l.left_on > from && l.left_on <= to).length).toBeGreaterThan(40);
    }
    for (const l of leavers) {
      expect(Object.keys(leavingReasons)).toContain(String(l.reason_code));
      if (l.destination_code !== null)
        expect(Object.keys(leavingDestinations)).toContain(String(l.destination_code));
    }
    // recordLeaver ended every leaver's assignments on the leaving date.
    const open = await run((db) =>
      db
        .selectFrom("assignments")
        .innerJoin("leavings", "leavings.person_id", "assignments.person_id")
        .select("assignments.id")
        .where((eb) =>
          eb.or([
            eb("assignments.valid_to", "is", null),
            eb("assignments.valid_to", ">", eb.ref("leavings.left_on")),
          ]),
        )
        .execute(),
    );
    expect(open).toEqual([]);
  });

  it("has restructures (a team moved service, a service renamed) and moves between teams", async () => {
    const moved = await run((db) =>
      db
        .selectFrom("org_unit_versions")
        .select("org_unit_id")
        .groupBy("org_unit_id")
        .having(sql`count(distinct coalesce(parent_id::text, ''))`, ">", 1)
        .execute(),
    );
    expect(moved.length).toBeGreaterThanOrEqual(1);
    const renamed = await run((db) =>
      db
        .selectFrom("org_unit_versions")
        .select("org_unit_id")
        .groupBy("org_unit_id")
        .having(sql`count(distinct name)`, ">", 1)
        .execute(),
    );
    expect(renamed.length).toBeGreaterThanOrEqual(1);
    const movers = await run((db) =>
      db
        .selectFrom("assignments")
        .select("person_id")
        .where("contract_type", "=", "permanent")
        .groupBy("person_id")
        .having(sql`count(distinct org_unit_id)`, ">", 1)
        .execute(),
    );
    expect(movers.length).toBeGreaterThan(5);
  });

  it("has about 100 foster carer households with one or two carers, many without an email", async () => {
    const households = await run((db) =>
      db
        .selectFrom("foster_households")
        .leftJoin("people", "people.foster_household_id", "foster_households.id")
        .select([
          "foster_households.reference",
          "foster_households.approval_type",
          "foster_households.supervising_social_worker_id",
          sql<number>`count(people.id)::int`.as("carers"),
          sql<number>`count(people.email)::int`.as("emails"),
        ])
        .groupBy("foster_households.id")
        .execute(),
    );
    expect(households.length).toBeGreaterThanOrEqual(90);
    expect(households.length).toBeLessThanOrEqual(110);
    expect(new Set(households.map((h) => h.approval_type))).toEqual(
      new Set(["mainstream", "connected_person", "short_breaks"]),
    );
    expect(households.every((h) => h.carers >= 1 && h.carers <= 2)).toBe(true);
    expect(households.every((h) => h.supervising_social_worker_id !== null)).toBe(true);
    const carers = households.reduce((n, h) => n + h.carers, 0);
    const withEmail = households.reduce((n, h) => n + h.emails, 0);
    expect(carers - withEmail).toBeGreaterThan(carers * 0.25);
  });

  it("gives qualified staff valid, unique Social Work England numbers and everyone a work email", async () => {
    const staff = await run((db) =>
      db
        .selectFrom("people")
        .select(["swe_number", "swe_status", "swe_first_registered_on", "email", "employee_number"])
        .where("kind", "=", "staff")
        .execute(),
    );
    const swe = staff.map((p) => p.swe_number).filter((n): n is string => n !== null);
    expect(swe.length).toBeGreaterThan(300);
    expect(swe.every((n) => SWE_NUMBER.test(n))).toBe(true);
    expect(new Set(swe).size).toBe(swe.length);
    const registered = staff.filter((p) => p.swe_status === "registered").length;
    expect(registered / swe.length).toBeGreaterThan(0.95);
    expect(staff.every((p) => p.swe_number === null || p.swe_first_registered_on !== null)).toBe(true);
    expect(staff.every((p) => /^[a-z-]+\.[a-z-]+\d*@test\.gov\.uk$/.test(p.email ?? ""))).toBe(true);
    expect(new Set(staff.map((p) => p.email)).size).toBe(staff.length);
    // Every social-work-qualified assignment is held by someone with a number.
    const missing = await run((db) =>
      db
        .selectFrom("assignments")
        .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
        .innerJoin("people", "people.id", "assignments.person_id")
        .select("people.id")
        .where("job_roles.social_work_qualified", "=", true)
        .where("people.swe_number", "is", null)
        .execute(),
    );
    expect(missing).toEqual([]);
  });

  it("records equality data for staff, partner organisations and their learners", async () => {
    const counts = await run(async (db) => {
      const [staff, equality, partners, learners] = await Promise.all([
        db
          .selectFrom("people")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("kind", "=", "staff")
          .executeTakeFirstOrThrow(),
        db.selectFrom("person_equality").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
        db.selectFrom("partner_organisations").select(["sector"]).execute(),
        db.selectFrom("people").select(["partner_status"]).where("kind", "=", "partner_learner").execute(),
      ]);
      return { staff: staff.n, equality: equality.n, partners, learners };
    });
    expect(counts.equality).toBe(counts.staff);
    expect(new Set(counts.partners.map((p) => p.sector))).toEqual(
      new Set(["police", "health", "education", "voluntary"]),
    );
    expect(counts.learners.length).toBeGreaterThan(10);
    expect(new Set(counts.learners.map((l) => l.partner_status))).toEqual(new Set(["approved", "requested"]));
  });

  it("gives the same rows for the same seed", async () => {
    const other = await t.database.db
      .insertInto("tenants")
      .values({ slug: "demo-twin", name: NAME })
      .returning("id")
      .executeTakeFirstOrThrow();
    await generate(other.id);
    const a = await digests(t, t.tenantId);
    const b = await digests(t, other.id);
    expect(b).toEqual(a);
    expect(a.assignments.rows).toBe(result.summary.assignments);
  }, 120_000);
});

describe("seedDemoIfEmpty", () => {
  it("fills each tenant without people once, named after the tenant, and then leaves it alone", async () => {
    const t = await buildTestApp();
    try {
      const first = await seedDemoIfEmpty(t.app, { staff: 200 });
      expect(first.map((r) => r.summary.authority)).toEqual(["Test Borough Council"]);
      expect(first[0]?.tenantId).toBe(t.tenantId);
      expect(await seedDemoIfEmpty(t.app, { staff: 200 })).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe("demo authority plan", () => {
  const options = { seed: 7, staff: 600, today: "2026-11-23", authorityName: "Slough Borough Council" };

  it("is a pure function of its options", () => {
    expect(JSON.stringify(planAuthority(options))).toBe(JSON.stringify(planAuthority(options)));
    expect(JSON.stringify(planAuthority({ ...options, seed: 8 }))).not.toBe(
      JSON.stringify(planAuthority(options)),
    );
  });

  it("scales to 5,000 staff with the same rates", () => {
    const s = summarisePlan(planAuthority({ ...options, staff: 5000 }));
    expect(s.staffToday).toBeGreaterThanOrEqual(4850);
    expect(s.staffToday).toBeLessThanOrEqual(5150);
    expect(s.socialWorkers.agencyShare).toBeGreaterThanOrEqual(0.15);
    expect(s.socialWorkers.agencyShare).toBeLessThanOrEqual(0.2);
    expect(s.households).toBeGreaterThan(700);
  });

  it("names 150 different councils for a national service", () => {
    const names = authorityNamesFor(150, 1);
    expect(new Set(names).size).toBe(150);
    expect(names.every((n) => /Council$/.test(n))).toBe(true);
  });
});

/** Digests of a tenant's rows by natural keys (generated uuids differ between tenants). */
async function digests(t: TestApp, tenantId: string) {
  return t.app.platform.data.run({ tenantId, actor: DEMO_ACTOR }, async (db) => {
    const people = await db.selectFrom("people").selectAll().execute();
    const households = await db.selectFrom("foster_households").selectAll().execute();
    const orgs = await db.selectFrom("partner_organisations").selectAll().execute();
    const units = await db.selectFrom("org_units").selectAll().execute();
    const posts = await db.selectFrom("posts").selectAll().execute();
    const roles = await db.selectFrom("job_roles").selectAll().execute();
    const household = new Map(households.map((h) => [h.id, h.reference]));
    const org = new Map(orgs.map((o) => [o.id, o.name]));
    const unit = new Map(units.map((u) => [u.id, u.code]));
    const post = new Map(posts.map((p) => [p.id, p.reference]));
    const role = new Map(roles.map((r) => [r.id, r.code]));
    const person = new Map(
      people.map((p) => [
        p.id,
        [
          p.kind,
          p.email,
          p.employee_number,
          p.given_name,
          p.family_name,
          household.get(p.foster_household_id ?? ""),
        ].join("/"),
      ]),
    );
    const key = (id: string | null) => (id === null ? "" : (person.get(id) ?? unit.get(id) ?? `?${id}`));
    const digest = (lines: string[]) => ({
      rows: lines.length,
      sha256: createHash("sha256").update(lines.sort().join("\n")).digest("hex"),
    });
    const line = (values: unknown[]) => JSON.stringify(values);
    return {
      people: digest(
        people.map((p) =>
          line([
            key(p.id),
            p.preferred_name,
            p.phone,
            p.swe_number,
            p.swe_status,
            p.swe_first_registered_on,
            p.swe_last_checked_on,
            p.started_on,
            org.get(p.partner_organisation_id ?? ""),
            p.partner_status,
          ]),
        ),
      ),
      equality: digest(
        (await db.selectFrom("person_equality").selectAll().execute()).map((e) =>
          line([key(e.person_id), e.date_of_birth, e.gender, e.ethnicity, e.disability]),
        ),
      ),
      units: digest(
        (await db.selectFrom("org_unit_versions").selectAll().execute()).map((v) =>
          line([
            unit.get(v.org_unit_id),
            v.name,
            v.unit_type,
            key(v.parent_id),
            key(v.manager_person_id),
            v.valid_from,
            v.valid_to,
          ]),
        ),
      ),
      posts: digest(
        posts.map((p) =>
          line([
            p.reference,
            unit.get(p.org_unit_id),
            role.get(p.job_role_id),
            p.grade,
            p.fte,
            p.social_work_qualified,
            p.valid_from,
          ]),
        ),
      ),
      assignments: digest(
        (await db.selectFrom("assignments").selectAll().execute()).map((a) =>
          line([
            key(a.person_id),
            post.get(a.post_id ?? ""),
            unit.get(a.org_unit_id),
            role.get(a.job_role_id),
            a.career_level,
            a.contract_type,
            a.fte,
            key(a.line_manager_person_id),
            a.valid_from,
            a.valid_to,
          ]),
        ),
      ),
      leavings: digest(
        (await db.selectFrom("leavings").selectAll().execute()).map((l) =>
          line([key(l.person_id), l.left_on, l.reason_code, l.destination_code, l.exit_themes, l.exit_notes]),
        ),
      ),
      households: digest(
        households.map((h) =>
          line([
            h.reference,
            h.name,
            h.approval_type,
            h.approved_on,
            key(h.supervising_social_worker_id),
            h.annual_review_due_on,
            h.deregistered_on,
          ]),
        ),
      ),
    };
  });
}
