import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { ProtectionReading, ProtectionTerms } from "./protection.js";

/** Where a check's figures came from: entered by hand, or (later) the caseload capability's feed. */
export type CheckSource = "manual" | "caseloads";

export interface ProtectionCheckInsert {
  enrolmentId: string;
  recordedOn: IsoDate;
  caseloadChildren: number | null;
  developmentTimePercent: number | null;
  source: CheckSource;
  notes: string | null;
  recordedBy: string;
}

export interface ProtectionCheck {
  id: string;
  recordedOn: IsoDate;
  caseloadChildren: number | null;
  developmentTimePercent: number | null;
  source: CheckSource;
  notes: string | null;
}

export interface LatestReading extends ProtectionReading {
  /** The day of the latest check with either figure. */
  recordedOn: IsoDate;
}

export async function insertChecks(db: TenantDb, rows: ProtectionCheckInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("early_career_protection_checks")
    .values(
      rows.map((r) => ({
        enrolment_id: r.enrolmentId,
        recorded_on: r.recordedOn,
        caseload_children: r.caseloadChildren,
        development_time_percent: r.developmentTimePercent,
        source: r.source,
        notes: r.notes,
        recorded_by: r.recordedBy,
      })),
    )
    .execute();
}

/** An enrolment's checks, latest first. */
export async function checksFor(db: TenantDb, enrolmentId: string): Promise<ProtectionCheck[]> {
  const rows = await db
    .selectFrom("early_career_protection_checks")
    .select(["id", "recorded_on", "caseload_children", "development_time_percent", "source", "notes"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("recorded_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordedOn: r.recorded_on,
    caseloadChildren: r.caseload_children,
    developmentTimePercent: r.development_time_percent === null ? null : Number(r.development_time_percent),
    source: r.source,
    notes: r.notes,
  }));
}

/** The protection terms of each enrolment's template version. */
export async function termsFor(db: TenantDb, enrolmentIds: string[]): Promise<Map<string, ProtectionTerms>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select([
      "e.id",
      "v.protected_caseload_children",
      "v.protected_caseload_percent",
      "v.protected_time_percent",
    ])
    .where("e.id", "in", enrolmentIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        protectedCaseloadChildren: r.protected_caseload_children,
        protectedCaseloadPercent:
          r.protected_caseload_percent === null ? null : Number(r.protected_caseload_percent),
        protectedTimePercent: r.protected_time_percent === null ? null : Number(r.protected_time_percent),
      },
    ]),
  );
}

/**
 * The latest reading of each measure for each enrolment, in one query whatever the number of
 * enrolments: a check may hold only one figure (a caseloads feed sends only the caseload), so each
 * measure is taken from the latest check that has it.
 */
export async function latestReadings(
  db: TenantDb,
  enrolmentIds: string[],
): Promise<Map<string, LatestReading>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("early_career_protection_checks as c")
    .select([
      "c.enrolment_id",
      sql<IsoDate>`max(c.recorded_on)::text`.as("recorded_on"),
      sql<number | null>`(array_agg(c.caseload_children order by c.recorded_on desc, c.created_at desc)
        filter (where c.caseload_children is not null))[1]`.as("caseload_children"),
      sql<string | null>`(array_agg(c.development_time_percent order by c.recorded_on desc, c.created_at desc)
        filter (where c.development_time_percent is not null))[1]`.as("development_time_percent"),
    ])
    .where("c.enrolment_id", "in", enrolmentIds)
    .groupBy("c.enrolment_id")
    .execute();
  return new Map(
    rows.map((r) => [
      r.enrolment_id,
      {
        recordedOn: r.recorded_on,
        caseloadChildren: r.caseload_children === null ? null : Number(r.caseload_children),
        developmentTimePercent:
          r.development_time_percent === null ? null : Number(r.development_time_percent),
      },
    ]),
  );
}

/** Data protection: the free-text notes about a person's protection are removed. */
export async function anonymiseChecks(db: TenantDb, personId: string): Promise<void> {
  await db
    .updateTable("early_career_protection_checks")
    .set({ notes: null })
    .where("enrolment_id", "in", (eb) =>
      eb.selectFrom("early_career_enrolments").select("id").where("person_id", "=", personId),
    )
    .execute();
}

/** The active enrolment of each person (the caseloads feed's readings are for these). */
export async function activeEnrolmentsOf(
  db: TenantDb,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("early_career_enrolments")
    .select(["id", "person_id"])
    .where("person_id", "in", [...new Set(personIds)])
    .where("status", "=", "active")
    .orderBy("start_on", "desc")
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.person_id)) out.set(r.person_id, r.id);
  return out;
}

/**
 * Readings from the caseloads feed replace any earlier feed reading of the same enrolment on the
 * same day (a corrected file for a date), so a file sent again adds nothing.
 */
export async function replaceCaseloadChecks(db: TenantDb, rows: ProtectionCheckInsert[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows)
    await db
      .deleteFrom("early_career_protection_checks")
      .where("enrolment_id", "=", r.enrolmentId)
      .where("recorded_on", "=", r.recordedOn)
      .where("source", "=", "caseloads")
      .execute();
  await insertChecks(db, rows);
}

/**
 * Each enrolment's team on a date: the NQSW's main assignment then (largest FTE), else the team
 * recorded on the enrolment.
 */
export async function teamsOf(
  db: TenantDb,
  enrolmentIds: string[],
  asAt: IsoDate,
): Promise<Map<string, string>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("early_career_enrolments as e")
    .select([
      "e.id",
      sql<string | null>`coalesce((select a.org_unit_id from assignments a where a.person_id = e.person_id
        and a.valid_from <= ${asAt} and (a.valid_to is null or a.valid_to >= ${asAt})
        order by a.fte desc, a.valid_from, a.id limit 1), e.org_unit_id)`.as("org_unit_id"),
    ])
    .where("e.id", "in", enrolmentIds)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (r.org_unit_id) out.set(r.id, r.org_unit_id);
  return out;
}
