import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { LearningRequirementVersionsTable } from "../schema.js";
import "../schema.js";

/** A version's rules as stored, less the keys and bookkeeping. */
export type VersionValues = Omit<
  Insertable<LearningRequirementVersionsTable>,
  "id" | "tenant_id" | "requirement_id" | "valid_to" | "created_at"
>;

export function listRequirements(db: TenantDb) {
  return db
    .selectFrom("learning_requirements")
    .select(["id", "code", "title", "description", "created_at"])
    .orderBy("title")
    .orderBy("id")
    .execute();
}

export function findRequirement(db: TenantDb, id: string) {
  return db
    .selectFrom("learning_requirements")
    .select(["id", "code", "title", "description", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The requirement, locked for the rest of the transaction (one version change at a time). */
export function lockRequirement(db: TenantDb, id: string) {
  return db
    .selectFrom("learning_requirements")
    .select(["id", "code", "title"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function codeTaken(db: TenantDb, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("learning_requirements")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRequirement(
  db: TenantDb,
  values: { code: string; title: string; description: string | null },
): Promise<string> {
  const row = await db
    .insertInto("learning_requirements")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRequirement(
  db: TenantDb,
  id: string,
  values: { title: string; description: string | null },
): Promise<void> {
  await db.updateTable("learning_requirements").set(values).where("id", "=", id).execute();
}

/** Every version of the given requirements (all when none given), oldest first. */
export function versions(db: TenantDb, requirementIds?: string[]) {
  let query = db.selectFrom("learning_requirement_versions").selectAll();
  if (requirementIds) {
    if (requirementIds.length === 0) return Promise.resolve([]);
    query = query.where("requirement_id", "in", requirementIds);
  }
  return query.orderBy("requirement_id").orderBy("valid_from").execute();
}

export async function insertVersion(
  db: TenantDb,
  requirementId: string,
  values: VersionValues,
): Promise<string> {
  const row = await db
    .insertInto("learning_requirement_versions")
    .values({ ...values, requirement_id: requirementId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends every version still in force on `lastDay` or later on `lastDay` (inclusive). */
export async function closeVersionsFrom(
  db: TenantDb,
  requirementId: string,
  lastDay: IsoDate,
): Promise<void> {
  await db
    .updateTable("learning_requirement_versions")
    .set({ valid_to: lastDay })
    .where("requirement_id", "=", requirementId)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", lastDay)]))
    .execute();
}

/** Which of the ids are courses of this council. */
export async function knownCourses(db: TenantDb, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("learning_courses").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function knownJobRoles(db: TenantDb, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("job_roles").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function knownUnits(db: TenantDb, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("org_units").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function knownCareerLevels(db: TenantDb, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom("career_levels").select("code").where("code", "in", codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** Courses by id: code, title and tier, for showing which courses meet a requirement. */
export function coursesById(db: TenantDb, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("learning_courses")
    .select(["id", "code", "title", "tier", "status"])
    .where("id", "in", ids)
    .execute();
}

/** Every course of the council, for the "courses that meet it" choice, in catalogue order. */
export function courseChoices(db: TenantDb) {
  return db
    .selectFrom("learning_courses")
    .select(["id", "code", "title", "tier", "status"])
    .orderBy(
      sql`array_position(array['core','essential','specialist','leadership','accredited','carers'], tier)`,
    )
    .orderBy("group_key")
    .orderBy("title")
    .execute();
}
