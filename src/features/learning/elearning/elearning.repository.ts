import { sql } from "kysely";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";

/** Queries of the e-learning import: titles and their mapping, people to match, records, runs. */

export interface TitleRow {
  id: string;
  title_key: string;
  title: string;
  course_id: string | null;
}

export function allTitles(db: TenantDb): Promise<TitleRow[]> {
  return db
    .selectFrom("learning_elearning_titles")
    .select(["id", "title_key", "title", "course_id"])
    .execute();
}

/** Adds titles not seen before as "seen, not mapped"; a title already there is left as it is. */
export async function addTitles(db: TenantDb, titles: { title_key: string; title: string }[]): Promise<void> {
  if (titles.length === 0) return;
  await db
    .insertInto("learning_elearning_titles")
    .values(titles)
    .onConflict((oc) => oc.columns(["tenant_id", "title_key"]).doNothing())
    .execute();
}

export function titlesWithCourses(db: TenantDb) {
  return db
    .selectFrom("learning_elearning_titles as t")
    .leftJoin("learning_courses as c", "c.id", "t.course_id")
    .select([
      "t.id",
      "t.title",
      "t.course_id",
      "c.title as course_title",
      "c.code as course_code",
      "t.created_at",
    ])
    .orderBy(sql`t.course_id is null`, "desc")
    .orderBy("t.title_key")
    .execute();
}

export function findTitle(db: TenantDb, id: string) {
  return db
    .selectFrom("learning_elearning_titles")
    .select(["id", "title", "course_id"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function setTitleCourse(db: TenantDb, id: string, courseId: string | null): Promise<void> {
  await db
    .updateTable("learning_elearning_titles")
    .set({ course_id: courseId })
    .where("id", "=", id)
    .execute();
}

/** The courses a title may be mapped to: e-learning ones first, then the rest, by title. */
export function courseChoices(db: TenantDb) {
  return db
    .selectFrom("learning_courses")
    .select(["id", "code", "title", "delivery", "status"])
    .orderBy(sql`delivery = 'e_learning'`, "desc")
    .orderBy("title")
    .execute();
}

export function coursesById(db: TenantDb, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("learning_courses")
    .select(["id", "title", "cpd_hours"])
    .where("id", "in", ids)
    .execute();
}

export interface PersonKey {
  id: string;
  employee_number: string | null;
  email: string | null;
}

/** People who have one of these employee numbers or emails (both compared in lower case). */
export async function peopleByKeys(db: TenantDb, numbers: string[], emails: string[]): Promise<PersonKey[]> {
  if (numbers.length === 0 && emails.length === 0) return [];
  return db
    .selectFrom("people")
    .select([
      "id",
      sql<string | null>`lower(employee_number)`.as("employee_number"),
      sql<string | null>`lower(email)`.as("email"),
    ])
    .where("anonymised_on", "is", null)
    .where((eb) =>
      eb.or([
        ...(numbers.length ? [eb(sql`lower(employee_number)`, "in", numbers)] : []),
        ...(emails.length ? [eb(sql`lower(email)`, "in", emails)] : []),
      ]),
    )
    .execute();
}

export interface RecordInput {
  person_id: string;
  course_id: string;
  title: string;
  completed_on: string;
  hours: number | null;
  evidence_note: string | null;
  external_ref: string;
}

/** Inserts records, skipping any whose external reference is already stored; the number added. */
export async function insertRecords(
  db: TenantDb,
  rows: RecordInput[],
  actor: string,
  now: Date,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto("learning_records")
      .values(
        batch.map((r) => ({
          ...r,
          source: "e_learning" as const,
          verification: "verified" as const,
          verified_by: actor,
          verified_at: now,
          created_by: actor,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["tenant_id", "source", "external_ref"]).where("external_ref", "is not", null).doNothing(),
      )
      .returning("id")
      .execute();
    added += inserted.length;
  }
  return added;
}

export interface RunInput {
  filename: string;
  trigger: "upload" | "folder";
  status: "imported" | "failed";
  counts: Record<string, number>;
  unmatched: Record<string, string>[];
  created_by: string;
  created_at: Date;
}

export async function insertRun(db: TenantDb, run: RunInput): Promise<string> {
  const row = await db
    .insertInto("learning_elearning_runs")
    .values({ ...run, counts: JSON.stringify(run.counts), unmatched: JSON.stringify(run.unmatched) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function recentRuns(db: TenantDb, limit: number) {
  return db
    .selectFrom("learning_elearning_runs")
    .select(["id", "filename", "trigger", "status", "counts", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export function findRun(db: TenantDb, id: string) {
  return db
    .selectFrom("learning_elearning_runs")
    .select(["id", "filename", "trigger", "status", "counts", "unmatched", "created_by", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function runFilenames(db: TenantDb): Promise<string[]> {
  return db
    .selectFrom("learning_elearning_runs")
    .select("filename")
    .execute()
    .then((rows) => rows.map((r) => r.filename));
}
