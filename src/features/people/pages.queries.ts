import { sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import "./schema.js";
import { householdInScope, type PeopleScope } from "./scope.repository.js";

/**
 * Queries the people pages need that the service does not offer yet (foster carer households).
 * Read-only; each takes a TenantDb from DataAccess.run. Candidates to move into the repository and
 * PeopleService (see the pages' report to the lead).
 */

export interface HouseholdRow {
  id: string;
  reference: string;
  name: string;
  approvalType: string;
  approvedOn: IsoDate;
  deregisteredOn: IsoDate | null;
  annualReviewDueOn: IsoDate | null;
  supervisingSocialWorkerId: string | null;
  supervisingSocialWorkerName: string | null;
  carers: number;
}

/** Households approved on the date and not deregistered by it, in scope (undefined: all). */
function householdsAsAt(db: TenantDb, asAt: IsoDate, scope: PeopleScope | undefined) {
  const all = db.selectFrom("foster_households");
  return (scope ? all.where(householdInScope("foster_households.id", scope, asAt)) : all)
    .where("foster_households.approved_on", "<=", asAt)
    .where((eb) =>
      eb.or([
        eb("foster_households.deregistered_on", "is", null),
        eb("foster_households.deregistered_on", ">", asAt),
      ]),
    );
}

export async function countFosterHouseholds(
  db: TenantDb,
  asAt: IsoDate,
  scope: PeopleScope | undefined,
): Promise<number> {
  const row = await householdsAsAt(db, asAt, scope)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

function householdColumns(db: TenantDb) {
  return db
    .selectFrom("foster_households")
    .leftJoin("people as ssw", "ssw.id", "foster_households.supervising_social_worker_id")
    .select([
      "foster_households.id",
      "foster_households.reference",
      "foster_households.name",
      "foster_households.approval_type as approvalType",
      "foster_households.approved_on as approvedOn",
      "foster_households.deregistered_on as deregisteredOn",
      "foster_households.annual_review_due_on as annualReviewDueOn",
      "foster_households.supervising_social_worker_id as supervisingSocialWorkerId",
      sql<string | null>`ssw.given_name || ' ' || ssw.family_name`.as("supervisingSocialWorkerName"),
      (eb) =>
        eb
          .selectFrom("people as carer")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("carer.foster_household_id", "=", "foster_households.id")
          .where("carer.kind", "=", "foster_carer")
          .as("carers"),
    ]);
}

export async function listFosterHouseholds(
  db: TenantDb,
  asAt: IsoDate,
  scope: PeopleScope | undefined,
  limit: number,
  offset: number,
): Promise<HouseholdRow[]> {
  const ids = householdsAsAt(db, asAt, scope).select("foster_households.id");
  const rows = await householdColumns(db)
    .where("foster_households.id", "in", ids)
    .orderBy("foster_households.name")
    .orderBy("foster_households.reference")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, carers: r.carers ?? 0 }));
}

export async function findFosterHousehold(db: TenantDb, householdId: string): Promise<HouseholdRow | null> {
  const row = await householdColumns(db).where("foster_households.id", "=", householdId).executeTakeFirst();
  return row ? { ...row, carers: row.carers ?? 0 } : null;
}

export async function householdCarers(db: TenantDb, householdId: string) {
  return db
    .selectFrom("people")
    .select([
      "people.id",
      "people.given_name as givenName",
      "people.family_name as familyName",
      "people.email",
      "people.phone",
    ])
    .where("people.foster_household_id", "=", householdId)
    .where("people.kind", "=", "foster_carer")
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .execute();
}

/** Whether a unit is in the organisation on a date (a first assignment must start in a team that exists). */
export async function unitExistsOn(db: TenantDb, unitId: string, date: IsoDate): Promise<boolean> {
  const row = await db
    .selectFrom("org_unit_versions")
    .select("id")
    .where("org_unit_id", "=", unitId)
    .where("valid_from", "<=", date)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", date)]))
    .executeTakeFirst();
  return row !== undefined;
}

export interface UnitChoice {
  orgUnitId: string;
  name: string;
  unitType: string;
  depth: number;
}
