import { sql } from "kysely";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import type { LearningCoursesTable } from "./schema.js";
import "./schema.js";

export interface CourseFilter {
  q?: string | undefined;
  tier?: string | undefined;
  group?: string | undefined;
  delivery?: string | undefined;
  strand?: string | undefined;
  /** Withdrawn courses are left out unless asked for. */
  includeWithdrawn?: boolean;
}

function matching(db: TenantDb, f: CourseFilter) {
  let query = db.selectFrom("learning_courses");
  if (!f.includeWithdrawn) query = query.where("status", "=", "active");
  if (f.tier) query = query.where("tier", "=", f.tier);
  if (f.tier && f.group) query = query.where("group_key", "=", f.group);
  if (f.delivery) query = query.where("delivery", "=", f.delivery);
  if (f.strand) query = query.where("strand", "=", f.strand);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("title", "ilike", like),
        eb("code", "ilike", like),
        eb("summary", "ilike", like),
        eb("provider", "ilike", like),
        eb("audience", "ilike", like),
      ]),
    );
  }
  return query;
}

export async function countCourses(db: TenantDb, f: CourseFilter): Promise<number> {
  const row = await matching(db, f).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return row.n;
}

export function listCourses(db: TenantDb, f: CourseFilter, limit: number, offset: number) {
  return matching(db, f)
    .select([
      "id",
      "code",
      "title",
      "tier",
      "group_key as group",
      "strand",
      "strand_level as strandLevel",
      "delivery",
      "duration_hours as durationHours",
      "cpd_hours as cpdHours",
      "provider",
      "audience",
      "booking_route as bookingRoute",
      "status",
    ])
    .orderBy(
      sql`array_position(array['core','essential','specialist','leadership','accredited','carers'], tier)`,
    )
    .orderBy("group_key")
    .orderBy("title")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export function findCourse(db: TenantDb, id: string) {
  return db.selectFrom("learning_courses").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findCourseByCode(db: TenantDb, code: string) {
  return db.selectFrom("learning_courses").select(["id"]).where("code", "=", code).executeTakeFirst();
}

export type CourseValues = Omit<LearningCoursesTable, "id" | "tenant_id" | "created_at" | "updated_at">;

export async function insertCourse(
  db: TenantDb,
  values: { [K in keyof CourseValues]?: unknown },
): Promise<string> {
  const row = await db
    .insertInto("learning_courses")
    .values(values as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCourse(
  db: TenantDb,
  id: string,
  values: { [K in keyof CourseValues]?: unknown },
) {
  await db
    .updateTable("learning_courses")
    .set({ ...(values as object), updated_at: sql<Date>`now()` } as never)
    .where("id", "=", id)
    .execute();
}
