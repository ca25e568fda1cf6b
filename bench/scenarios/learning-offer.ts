import { sql } from "kysely";
import { ComplianceService } from "../../src/features/learning/compliance/compliance.service.js";
import { seedDemoCatalogue } from "../../src/features/learning/demo/seed.js";
import { PeopleService } from "../../src/features/people/people.service.js";
import type { ScenarioContext } from "../scenario.js";
import { BENCH_SCALE, demoAuthority } from "./demo-authority.js";

export const LEARNING_SCALE = `${BENCH_SCALE}; 40 requirements, 1,000,000 learning records`;
export const BENCH_REQUIREMENTS = 40;
export const BENCH_RECORDS = 1_000_000;

export interface LearningOffer {
  /** Signed in as a learning and development officer (the whole council). */
  cookie: string;
  /** The service with the most people today, and its name. */
  service: { id: string; name: string };
  /** A team with at least 50 people today (the matrix's first full page). */
  team: { id: string; name: string };
}

let prepared: Promise<LearningOffer> | undefined;

/**
 * The 5,000-staff authority with the demo catalogue, 40 mandatory requirements (for everyone, for
 * social work roles, for one service; renewed every 1 to 3 years or once only) and a million
 * learning records spread over ten years, then the compliance table worked out in full, as the
 * nightly job does.
 */
export function learningOffer(ctx: ScenarioContext): Promise<LearningOffer> {
  prepared ??= prepare(ctx);
  return prepared;
}

async function prepare(ctx: ScenarioContext): Promise<LearningOffer> {
  await demoAuthority(ctx);
  await seedDemoCatalogue({ platform: ctx.platform });
  const { db, tenantId } = ctx;
  const today = ctx.platform.clock.now().toISOString().slice(0, 10);
  const started = performance.now();

  const courses = await db
    .selectFrom("learning_courses")
    .select(["id", "title"])
    .where("tenant_id", "=", tenantId)
    .orderBy("code")
    .execute();
  const swRoles = await db
    .selectFrom("job_roles")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("social_work_qualified", "=", true)
    .execute();
  const service = await biggest(ctx, "service", today);
  const team = await biggest(ctx, "team", today);

  // Requirement i is met by courses i and i + 40 (any one of them); a mix of audiences and renewals.
  await ctx.platform.data.run({ tenantId, actor: { id: "system:bench" } }, async (trx) => {
    for (let i = 0; i < BENCH_REQUIREMENTS; i++) {
      const first = courses[i % courses.length];
      const second = courses[(i + BENCH_REQUIREMENTS) % courses.length];
      if (!first || !second) throw new Error("The catalogue is too small for the benchmark");
      const requirement = await trx
        .insertInto("learning_requirements")
        .values({ code: `BENCH-${i + 1}`, title: `Mandatory ${i + 1}: ${first.title}` })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("learning_requirement_versions")
        .values({
          requirement_id: requirement.id,
          valid_from: "2016-04-01",
          course_ids: [first.id, second.id],
          person_kinds: ["staff"],
          job_role_ids: i % 4 === 1 ? swRoles.map((r) => r.id) : [],
          org_unit_ids: i % 8 === 2 ? [service.id] : [],
          due_within_days: 90 + (i % 3) * 90,
          renew_every_months: i % 5 === 4 ? null : 12 * (1 + (i % 3)),
          grace_days: 30,
          due_soon_days: 30,
          created_by: "system:bench",
        })
        .execute();
    }
  });

  // A million records: people's completions of catalogue courses over ten years, loaded in one
  // statement with the row triggers (audit, compliance marking) off, as a data migration would be.
  const courseIds = courses.map((c) => c.id);
  const staff = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  const perPerson = Math.ceil(BENCH_RECORDS / Number(staff.n));
  await sql`alter table learning_records disable trigger user`.execute(db);
  try {
    await sql`insert into learning_records
        (tenant_id, person_id, course_id, title, completed_on, source, hours, created_by)
      select p.tenant_id, p.id, c.id, c.title,
        ${today}::date - (abs(hashtext(p.id::text || g::text)) % 3650),
        'attendance', 3, 'system:bench'
      from (select * from people where tenant_id = ${tenantId} order by id) p
      cross join generate_series(1, ${perPerson}) g
      join learning_courses c on c.id = (${courseIds}::uuid[])[1 + abs(hashtext(g::text || p.id::text)) % ${courseIds.length}]
      limit ${BENCH_RECORDS}`.execute(db);
  } finally {
    await sql`alter table learning_records enable trigger user`.execute(db);
  }
  await sql`analyze learning_records`.execute(db);
  console.error(
    `bench: ${BENCH_RECORDS} learning records loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const refreshed = performance.now();
  await refreshCompliance(ctx);
  console.error(`bench: compliance worked out in ${((performance.now() - refreshed) / 1000).toFixed(1)} s`);

  return {
    cookie: await ctx.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] }),
    service,
    team,
  };
}

/** The unit of a type with the most people assigned today (a service counts its whole subtree). */
export async function biggest(ctx: ScenarioContext, type: "service" | "team", today: string) {
  const row = await sql<{ id: string; name: string }>`
    with recursive current_units as (
      select org_unit_id as id, parent_id, unit_type, name from org_unit_versions
      where tenant_id = ${ctx.tenantId} and valid_from <= ${today} and (valid_to is null or valid_to >= ${today})
    ), tree as (
      select id as top, id from current_units where unit_type = ${type}
      union all
      select tree.top, u.id from tree join current_units u on u.parent_id = tree.id
    )
    select tree.top as id, (select name from current_units where id = tree.top) as name
    from tree join assignments a on a.org_unit_id = tree.id
    where a.valid_from <= ${today} and (a.valid_to is null or a.valid_to >= ${today})
    group by tree.top order by count(*) desc, tree.top limit 1`.execute(ctx.db);
  const unit = row.rows[0];
  if (!unit) throw new Error(`No ${type} with people in it`);
  return unit;
}

/** Works the compliance table out for everyone, as the nightly job does. */
async function refreshCompliance(ctx: ScenarioContext): Promise<void> {
  const { data, clock, jobs } = ctx.platform;
  const compliance = new ComplianceService(data, clock, jobs, new PeopleService(data, clock));
  const result = await compliance.refreshAll({ tenantId: ctx.tenantId, actor: { id: "system:bench" } });
  const rows = await ctx.db
    .selectFrom("learning_compliance")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  console.error(`bench: ${rows.n} statuses for ${result.people} people`);
}
