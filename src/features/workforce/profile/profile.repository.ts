import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { Database } from "../../../platform/db/schema.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { coverContractTypes } from "../../people/reference/domain.js";
import "../../people/schema.js";

/**
 * The profile's grouped queries: each one a handful of rows whatever the size of the council.
 * Everyone counted is staff with an assignment in force on the date, in the units given (null:
 * the whole council), and, with `socialWorkOnly`, in a social-work-qualified job role.
 */
export interface ProfileFilter {
  asAt: IsoDate;
  unitIds: string[] | null;
  socialWorkOnly: boolean;
}

/** A group's raw figures: people (each once in the group) and their FTE there. */
export interface GroupRow {
  key: string | null;
  headcount: number;
  fte: number;
}

type Eb = ExpressionBuilder<Database, "assignments" | "people" | "job_roles">;

/** Assignments in force on the date, placed in the units, for staff (and social work roles). */
function placed(db: TenantDb, f: ProfileFilter) {
  let q = db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .where("people.kind", "=", "staff")
    .where("assignments.valid_from", "<=", f.asAt)
    .where((eb) => eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", f.asAt)]));
  if (f.unitIds) q = q.where("assignments.org_unit_id", "in", f.unitIds.length ? f.unitIds : [NO_UNIT]);
  if (f.socialWorkOnly) q = q.where("job_roles.social_work_qualified", "=", true);
  return q;
}

/** A unit id no unit has (an empty scope counts nobody). */
const NO_UNIT = "00000000-0000-0000-0000-000000000000";

const isCover = (eb: Eb): Expression<SqlBool> =>
  eb("assignments.contract_type", "in", [...coverContractTypes]);

const figures = [
  sql<number>`count(distinct assignments.person_id)::int`.as("headcount"),
  sql<number>`coalesce(sum(assignments.fte), 0)::float8`.as("fte"),
] as const;

/** People and FTE by job role (id), a person with two roles counted in each. */
export async function byJobRole(db: TenantDb, f: ProfileFilter): Promise<GroupRow[]> {
  return placed(db, f)
    .select(["assignments.job_role_id as key", ...figures])
    .groupBy("assignments.job_role_id")
    .execute();
}

/** People and FTE by career level code (null: none recorded). */
export async function byCareerLevel(db: TenantDb, f: ProfileFilter): Promise<GroupRow[]> {
  return placed(db, f)
    .select(["assignments.career_level as key", ...figures])
    .groupBy("assignments.career_level")
    .execute();
}

/** People and FTE by contract type. */
export async function byContractType(db: TenantDb, f: ProfileFilter): Promise<GroupRow[]> {
  return placed(db, f)
    .select(["assignments.contract_type as key", ...figures])
    .groupBy("assignments.contract_type")
    .execute();
}

/** People and FTE employed ("employed") and as agency or locum cover ("cover"), and everyone (null). */
export async function byCover(db: TenantDb, f: ProfileFilter): Promise<GroupRow[]> {
  const rows = await placed(db, f)
    .select((eb) => [
      eb.case().when(isCover(eb)).then(sql.lit("cover")).else(sql.lit("employed")).end().as("key"),
      ...figures,
    ])
    .groupBy(sql`1`)
    .execute();
  const all = await placed(db, f).select(figures).executeTakeFirst();
  return [...rows, { key: null, headcount: all?.headcount ?? 0, fte: all?.fte ?? 0 }];
}

/** The establishment on the date: each post's FTE, the FTE of its employed holders and of its cover. */
export async function establishment(
  db: TenantDb,
  f: ProfileFilter,
): Promise<{ posts: number; fte: number; vacancyFte: number; coveredFte: number }> {
  const cover = [...coverContractTypes];
  let posts = db
    .selectFrom("posts")
    .innerJoin("job_roles", "job_roles.id", "posts.job_role_id")
    .leftJoin("assignments", (join) =>
      join
        .onRef("assignments.post_id", "=", "posts.id")
        .on("assignments.valid_from", "<=", f.asAt)
        .on((eb) =>
          eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", f.asAt)]),
        ),
    )
    .select([
      "posts.id",
      sql<number>`max(posts.fte)::float8`.as("fte"),
      sql<number>`coalesce(sum(assignments.fte) filter (where assignments.contract_type not in (${sql.join(cover)})), 0)::float8`.as(
        "heldFte",
      ),
      sql<number>`coalesce(sum(assignments.fte) filter (where assignments.contract_type in (${sql.join(cover)})), 0)::float8`.as(
        "coverFte",
      ),
    ])
    .where("posts.valid_from", "<=", f.asAt)
    .where((eb) => eb.or([eb("posts.valid_to", "is", null), eb("posts.valid_to", ">=", f.asAt)]))
    .groupBy("posts.id");
  if (f.unitIds) posts = posts.where("posts.org_unit_id", "in", f.unitIds.length ? f.unitIds : [NO_UNIT]);
  if (f.socialWorkOnly) posts = posts.where("job_roles.social_work_qualified", "=", true);
  // Same rule as the team view: vacancy = post FTE less its employed holders; covered = the
  // smaller of the vacancy and the cover on it.
  const row = await db
    .with("per_post", () => posts)
    .selectFrom("per_post")
    .select([
      sql<number>`count(*)::int`.as("posts"),
      sql<number>`coalesce(sum(fte), 0)::float8`.as("fte"),
      sql<number>`coalesce(sum(greatest(0, fte - "heldFte")), 0)::float8`.as("vacancyFte"),
      sql<number>`coalesce(sum(least(greatest(0, fte - "heldFte"), "coverFte")), 0)::float8`.as("coveredFte"),
    ])
    .executeTakeFirst();
  return row ?? { posts: 0, fte: 0, vacancyFte: 0, coveredFte: 0 };
}

/**
 * Employed people (not agency or locum) by whole years of service on the date: from
 * people.started_on, else the start of their unbroken run of assignments up to the date (an
 * assignment starting the day after another ends, or while one is in force, continues the run).
 */
export async function byYearsOfService(db: TenantDb, f: ProfileFilter): Promise<GroupRow[]> {
  const employed = placed(db, f)
    .where((eb) => eb.not(isCover(eb)))
    .select(["assignments.person_id as personId", sql<number>`sum(assignments.fte)::float8`.as("fte")])
    .groupBy("assignments.person_id");
  const runs = db
    .selectFrom("assignments")
    .select([
      "assignments.person_id as personId",
      "assignments.valid_from as validFrom",
      sql<IsoDate | null>`max(coalesce(assignments.valid_to, 'infinity'::date)) over (
        partition by assignments.person_id order by assignments.valid_from, assignments.id
        rows between unbounded preceding and 1 preceding)`.as("endBefore"),
    ])
    .where("assignments.valid_from", "<=", f.asAt);
  const rows = await db
    .with("employed", () => employed)
    .with("runs", () => runs)
    .with("run_start", (w) =>
      w
        .selectFrom("runs")
        .select(["runs.personId", sql<IsoDate>`max(runs."validFrom")`.as("startOn")])
        .where(sql<SqlBool>`runs."endBefore" is null or runs."endBefore" < runs."validFrom" - 1`)
        .groupBy("runs.personId"),
    )
    .selectFrom("employed")
    .innerJoin("people", "people.id", "employed.personId")
    .leftJoin("run_start", "run_start.personId", "employed.personId")
    .select([
      sql<
        string | null
      >`date_part('year', age(${f.asAt}::date, coalesce(people.started_on, run_start."startOn")))::int::text`.as(
        "key",
      ),
      sql<number>`count(*)::int`.as("headcount"),
      sql<number>`coalesce(sum(employed.fte), 0)::float8`.as("fte"),
    ])
    .groupBy(sql`1`)
    .execute();
  return rows;
}

/** Who is counted for the equality breakdowns: everyone placed, once, with their FTE in the units. */
export type EqualityValue = "gender" | "ethnicity" | "age";

/** People and FTE by one equality value (the stored code, or whole years of age on the date). */
export async function byEquality(db: TenantDb, f: ProfileFilter, value: EqualityValue): Promise<GroupRow[]> {
  const people = placed(db, f)
    .select(["assignments.person_id as personId", sql<number>`sum(assignments.fte)::float8`.as("fte")])
    .groupBy("assignments.person_id");
  const counted =
    value === "age"
      ? sql<
          string | null
        >`(date_part('year', age(${f.asAt}::date, person_equality.date_of_birth))::int)::text`
      : value === "gender"
        ? sql<string | null>`person_equality.gender`
        : sql<string | null>`person_equality.ethnicity`;
  return db
    .with("counted", () => people)
    .selectFrom("counted")
    .leftJoin("person_equality", "person_equality.person_id", "counted.personId")
    .select([
      counted.as("key"),
      sql<number>`count(*)::int`.as("headcount"),
      sql<number>`coalesce(sum(counted.fte), 0)::float8`.as("fte"),
    ])
    .groupBy(sql`1`)
    .execute();
}

/** Job role and career level names. */
export async function names(db: TenantDb) {
  const [roles, levels] = await Promise.all([
    db
      .selectFrom("job_roles")
      .select(["id", "name", "sort_order"])
      .orderBy("sort_order")
      .orderBy("name")
      .execute(),
    db.selectFrom("career_levels").select(["code", "name", "sort_order"]).orderBy("sort_order").execute(),
  ]);
  return { roles, levels };
}

/** Units in force on a date with their parents. */
export async function unitsOn(db: TenantDb, asAt: IsoDate) {
  return db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id as orgUnitId", "parent_id as parentId"])
    .where("valid_from", "<=", asAt)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asAt)]))
    .execute();
}
