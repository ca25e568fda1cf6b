import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { coverContractTypes } from "../../people/reference/domain.js";
import "../../early-career/schema.js";
import "../../people/schema.js";
import "../schema.js";

const cover = [...coverContractTypes];

/** Social work establishment on a date: FTE of posts in social-work-qualified job roles. */
export async function establishmentFte(db: TenantDb, on: IsoDate): Promise<number> {
  const row = await db
    .selectFrom("posts")
    .innerJoin("job_roles", "job_roles.id", "posts.job_role_id")
    .select(sql<number>`coalesce(sum(posts.fte), 0)::float8`.as("fte"))
    .where("job_roles.social_work_qualified", "=", true)
    .where("posts.valid_from", "<=", on)
    .where((eb) => eb.or([eb("posts.valid_to", "is", null), eb("posts.valid_to", ">=", on)]))
    .executeTakeFirst();
  return row?.fte ?? 0;
}

/** Permanent (not agency or locum) social worker FTE in post on each date, in one grouped query. */
export async function inPostFte(db: TenantDb, dates: readonly IsoDate[]): Promise<Map<IsoDate, number>> {
  if (dates.length === 0) return new Map();
  const { rows } = await sql<{ on: IsoDate; fte: number }>`
    select d.day::text as "on", coalesce(sum(a.fte), 0)::float8 as fte
    from unnest(${sql.val([...dates])}::date[]) as d(day)
    left join (
      select assignments.fte, assignments.valid_from, assignments.valid_to
      from assignments
      join job_roles on job_roles.id = assignments.job_role_id
      join people on people.id = assignments.person_id
      where job_roles.social_work_qualified and people.kind = 'staff'
        and assignments.contract_type not in (${sql.join(cover)})
    ) a on a.valid_from <= d.day and (a.valid_to is null or a.valid_to >= d.day)
    group by d.day`.execute(db);
  return new Map(rows.map((r) => [r.on, r.fte]));
}

/** FTE of permanent social workers who left in (from, to]: their assignments in force on the day they left. */
export async function leaversFte(db: TenantDb, from: IsoDate, to: IsoDate): Promise<number> {
  const row = await db
    .selectFrom("leavings")
    .innerJoin("assignments", "assignments.person_id", "leavings.person_id")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .select(sql<number>`coalesce(sum(assignments.fte), 0)::float8`.as("fte"))
    .where("leavings.left_on", ">", from)
    .where("leavings.left_on", "<=", to)
    .where("job_roles.social_work_qualified", "=", true)
    .where("assignments.contract_type", "not in", cover)
    .whereRef("assignments.valid_from", "<=", "leavings.left_on")
    .where((eb) =>
      eb.or([
        eb("assignments.valid_to", "is", null),
        eb("assignments.valid_to", ">=", eb.ref("leavings.left_on")),
      ]),
    )
    .executeTakeFirst();
  return row?.fte ?? 0;
}

/**
 * FTE of permanent social workers who started in (from, to]: people whose first permanent social
 * work assignment began then, with the FTE of the assignments starting that day.
 */
export async function startersFte(db: TenantDb, from: IsoDate, to: IsoDate): Promise<number> {
  const sw = db
    .selectFrom("assignments")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .innerJoin("people", "people.id", "assignments.person_id")
    .where("job_roles.social_work_qualified", "=", true)
    .where("people.kind", "=", "staff")
    .where("assignments.contract_type", "not in", cover);
  const firsts = sw
    .select(["assignments.person_id as personId", sql<IsoDate>`min(assignments.valid_from)`.as("firstOn")])
    .groupBy("assignments.person_id");
  const row = await db
    .with("firsts", () => firsts)
    .with("sw", () =>
      sw.select([
        "assignments.person_id as personId",
        "assignments.valid_from as validFrom",
        "assignments.fte",
      ]),
    )
    .selectFrom("firsts")
    .innerJoin("sw", (join) =>
      join.onRef("sw.personId", "=", "firsts.personId").onRef("sw.validFrom", "=", "firsts.firstOn"),
    )
    .select(sql<number>`coalesce(sum(sw.fte), 0)::float8`.as("fte"))
    .where("firsts.firstOn", ">", from)
    .where("firsts.firstOn", "<=", to)
    .executeTakeFirst();
  return row?.fte ?? 0;
}

/** Active early career enrolments not finished by the date: the pipeline. */
export async function pipeline(db: TenantDb, on: IsoDate) {
  const rows = await db
    .selectFrom("early_career_enrolments")
    .select(["start_on as startOn", "end_on as endOn", sql<number>`fte::float8`.as("fte")])
    .where("status", "=", "active")
    .where("end_on", ">", on)
    .orderBy("start_on")
    .execute();
  return rows;
}

export async function assumptions(db: TenantDb) {
  return db.selectFrom("workforce_forecast_assumptions").selectAll().executeTakeFirst();
}

export interface AssumptionsValues {
  horizon_months: number;
  annual_turnover_percent: number | null;
  recruits_per_month: number | null;
  early_career_retention_percent: number;
  agency_conversions_per_month: number;
  establishment_change_fte: number;
}

/** Saves the council's one row of assumptions (the audit trail keeps the history). */
export async function saveAssumptions(db: TenantDb, values: AssumptionsValues, by: string): Promise<void> {
  await db
    .insertInto("workforce_forecast_assumptions")
    .values({ ...values, updated_by: by })
    .onConflict((oc) =>
      oc.column("tenant_id").doUpdateSet({ ...values, updated_by: by, updated_at: sql`now()` }),
    )
    .execute();
}
