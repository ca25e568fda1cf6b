import { type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../schema.js";
import { subtreeIds } from "../../people/org-tree.js";
import type { ContractType } from "../../people/reference/domain.js";
import { addDays, CASELOAD_WINDOW_DAYS, type CensusInputs, type JobRoleInput } from "./census-workers.js";

/**
 * The census inputs of a collection year for the authority or a unit and everything below it:
 * one set-based query per table. The people are the social workers with a social work
 * assignment in the units at any time in the year (or on the reference date).
 */

/** The unit and the units below it on the date (null: the whole authority). */
export async function unitIdsUnder(db: TenantDb, unitId: string, asAt: IsoDate): Promise<string[]> {
  const rows = await db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id as orgUnitId", "parent_id as parentId"])
    .where("valid_from", "<=", asAt)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asAt)]))
    .execute();
  return subtreeIds(rows, unitId);
}

export async function jobRoles(db: TenantDb): Promise<JobRoleInput[]> {
  const rows = await db
    .selectFrom("job_roles")
    .select(["id", "social_work_qualified", "case_holder", "dfe_org_role"])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    socialWorkQualified: r.social_work_qualified,
    caseHolder: r.case_holder,
    dfeOrgRole: r.dfe_org_role,
  }));
}

export async function censusInputs(
  db: TenantDb,
  f: { from: IsoDate; referenceDate: IsoDate; unitIds: string[] | null },
): Promise<CensusInputs> {
  const { from, referenceDate: ref, unitIds } = f;
  if (unitIds !== null && unitIds.length === 0) {
    return { people: [], jobRoles: await jobRoles(db), assignments: [], posts: [] };
  }
  const inUnits = (column: string) =>
    unitIds === null ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(unitIds)})`;
  // The social workers of the units in the year: one subquery every table below reuses.
  const who = sql`(select distinct a.person_id from assignments a join job_roles r on r.id = a.job_role_id
    where r.social_work_qualified and a.valid_from <= ${ref} and (a.valid_to is null or a.valid_to >= ${from})
      and ${inUnits("a.org_unit_id")})`;
  const minus = addDays(ref, -CASELOAD_WINDOW_DAYS);

  const [roles, people, assignments, posts, leavings, entries, absences, equality, details] =
    await Promise.all([
      jobRoles(db),
      sql<{ id: string; name: string; swe_number: string | null }>`
        select p.id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as name, p.swe_number
        from people p where p.id in ${who}`.execute(db),
      sql<{
        id: string;
        person_id: string;
        post_id: string | null;
        org_unit_id: string;
        job_role_id: string;
        contract_type: ContractType;
        fte: string;
        valid_from: string;
        valid_to: string | null;
      }>`select a.id, a.person_id, a.post_id, a.org_unit_id, a.job_role_id, a.contract_type, a.fte::text as fte,
          a.valid_from::text as valid_from, a.valid_to::text as valid_to
        from assignments a join job_roles r on r.id = a.job_role_id
        where r.social_work_qualified and a.valid_from <= ${ref} and a.person_id in ${who}`.execute(db),
      sql<{
        id: string;
        org_unit_id: string;
        job_role_id: string;
        fte: string;
        social_work_qualified: boolean;
        valid_from: string;
        valid_to: string | null;
      }>`select p.id, p.org_unit_id, p.job_role_id, p.fte::text as fte,
          (p.social_work_qualified or r.social_work_qualified) as social_work_qualified,
          p.valid_from::text as valid_from, p.valid_to::text as valid_to
        from posts p join job_roles r on r.id = p.job_role_id
        where (p.social_work_qualified or r.social_work_qualified) and p.valid_from <= ${ref}
          and (p.valid_to is null or p.valid_to >= ${ref}) and ${inUnits("p.org_unit_id")}`.execute(db),
      sql<{ person_id: string; left_on: string; reason_code: number; destination_code: number | null }>`
        select l.person_id, l.left_on::text as left_on, l.reason_code, l.destination_code
        from leavings l where l.left_on <= ${ref} and l.person_id in ${who}`.execute(db),
      sql<{ person_id: string; as_at: string; children: number }>`
        select distinct on (e.person_id, e.as_at) e.person_id, e.as_at::text as as_at, e.children
        from caseload_entries e join caseload_snapshots s on s.id = e.snapshot_id
        where e.as_at between ${minus} and ${ref} and e.person_id in ${who}
        order by e.person_id, e.as_at, s.updated_at desc, s.created_at desc`.execute(db),
      sql<{ person_id: string; period_from: string; period_to: string; working_days_lost: string }>`
        select s.person_id, s.period_from::text as period_from, s.period_to::text as period_to,
          s.working_days_lost::text as working_days_lost
        from sickness_absences s where s.period_from <= ${ref} and s.period_to >= ${from}
          and s.person_id in ${who}`.execute(db),
      sql<{
        person_id: string;
        date_of_birth: string | null;
        gender: string | null;
        ethnicity: string | null;
      }>`
        select q.person_id, q.date_of_birth::text as date_of_birth, q.gender, q.ethnicity
        from person_equality q where q.person_id in ${who}`.execute(db),
      sql<{
        person_id: string;
        qualification_institution: string | null;
        qualification_level: number | null;
        step_up_grad: boolean | null;
        frontline_grad: boolean | null;
        start_origin: number | null;
        cfkss_status: number | null;
      }>`select d.person_id, d.qualification_institution, d.qualification_level, d.step_up_grad,
          d.frontline_grad, d.start_origin, d.cfkss_status
        from census_person_details d where d.person_id in ${who}`.execute(db),
    ]);

  return {
    jobRoles: roles,
    people: people.rows.map((p) => ({ id: p.id, displayName: p.name, sweNumber: p.swe_number })),
    assignments: assignments.rows.map((a) => ({
      id: a.id,
      personId: a.person_id,
      postId: a.post_id,
      orgUnitId: a.org_unit_id,
      jobRoleId: a.job_role_id,
      contractType: a.contract_type,
      fte: Number(a.fte),
      validFrom: a.valid_from,
      validTo: a.valid_to,
    })),
    posts: posts.rows.map((p) => ({
      id: p.id,
      orgUnitId: p.org_unit_id,
      jobRoleId: p.job_role_id,
      fte: Number(p.fte),
      socialWorkQualified: p.social_work_qualified,
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
    leavings: leavings.rows.map((l) => ({
      personId: l.person_id,
      leftOn: l.left_on,
      reasonCode: l.reason_code,
      destinationCode: l.destination_code,
    })),
    caseloadEntries: entries.rows.map((e) => ({
      personId: e.person_id,
      asAt: e.as_at,
      children: Number(e.children),
    })),
    absences: absences.rows.map((a) => ({
      personId: a.person_id,
      periodFrom: a.period_from,
      periodTo: a.period_to,
      workingDaysLost: Number(a.working_days_lost),
    })),
    equality: equality.rows.map((q) => ({
      personId: q.person_id,
      dateOfBirth: q.date_of_birth,
      gender: q.gender,
      ethnicity: q.ethnicity,
    })),
    details: details.rows.map((d) => ({
      personId: d.person_id,
      qualificationInstitution: d.qualification_institution,
      qualificationLevel: d.qualification_level,
      stepUpGrad: d.step_up_grad,
      frontlineGrad: d.frontline_grad,
      startOrigin: d.start_origin,
      cfkssStatus: d.cfkss_status,
    })),
  };
}

/** The working days in a year from the authority's settings (null: none recorded). */
export async function workingDaysPerYear(db: TenantDb): Promise<number | null> {
  const row = await db.selectFrom("workforce_settings").select("working_days_per_year").executeTakeFirst();
  return row ? Number(row.working_days_per_year) : null;
}

export interface StabilityRow {
  children: number;
  childrenThreePlus: number;
}

/** The stability figure recorded for the year and unit (null unit: the authority's own). */
export async function stabilityFigure(
  db: TenantDb,
  year: number,
  unitId: string | null,
): Promise<StabilityRow | null> {
  const row = await db
    .selectFrom("stability_figures")
    .select(["children", "children_three_plus"])
    .where("census_year", "=", year)
    .where((eb) => (unitId === null ? eb("org_unit_id", "is", null) : eb("org_unit_id", "=", unitId)))
    .orderBy("recorded_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { children: Number(row.children), childrenThreePlus: Number(row.children_three_plus) } : null;
}

export interface JobRoleRow {
  id: string;
  code: string;
  name: string;
  socialWorkQualified: boolean;
  caseHolder: boolean;
  dfeOrgRole: number | null;
}

export async function jobRoleList(db: TenantDb): Promise<JobRoleRow[]> {
  const rows = await db
    .selectFrom("job_roles")
    .select(["id", "code", "name", "social_work_qualified", "case_holder", "dfe_org_role"])
    .orderBy("sort_order")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    socialWorkQualified: r.social_work_qualified,
    caseHolder: r.case_holder,
    dfeOrgRole: r.dfe_org_role,
  }));
}

export async function updateJobRoleMapping(
  db: TenantDb,
  id: string,
  mapping: { dfeOrgRole: number | null; caseHolder: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable("job_roles")
    .set({ dfe_org_role: mapping.dfeOrgRole, case_holder: mapping.caseHolder })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
