import type { TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/**
 * The bookings tests' world: the people fixture (units T1 Assessment, T2 Family Support, job
 * roles), a line manager with two reports, and courses and sessions made by direct inserts.
 */
export interface BookingsFixture {
  ctx: TenantContext;
  id: Record<string, string>;
  /** A new person (optionally an NQSW, with a line manager, in a unit, at a partner agency). */
  person(options: PersonOptions): Promise<string>;
  /** A course and one session with parts; returns the session id. */
  session(options?: SessionOptions): Promise<{ sessionId: string; courseId: string }>;
  /** A signed-in cookie for a role held by a person. */
  as(role: string, personId: string | null): Promise<string>;
}

export interface PersonOptions {
  given: string;
  family: string;
  email?: string;
  employeeNumber?: string;
  careerLevel?: string;
  managerId?: string;
  unit?: string;
  partner?: string;
}

export interface SessionOptions {
  capacity?: number;
  route?: "self" | "manager" | "learning_team";
  closesOn?: string;
  /** Start and end instants of each part. */
  parts?: Array<[string, string]>;
  costPence?: number | null;
  cpdHours?: number | null;
  title?: string;
}

let courses = 0;

export async function seedBookingsFixture(t: TestApp): Promise<BookingsFixture> {
  const { id } = await seedPeopleFixture(t.app, t.tenantId);
  const ctx: TenantContext = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
  const { data } = t.app.platform;
  const must = (key: string) => {
    const v = id[key];
    if (!v) throw new Error(`no ${key}`);
    return v;
  };

  const person = async (o: PersonOptions) => {
    const personId = await t.app.people.createPerson(ctx, {
      given_name: o.given,
      family_name: o.family,
      email: o.email ?? null,
      employee_number: o.employeeNumber ?? null,
      started_on: "2024-01-01",
    });
    await data.run(ctx, async (db) => {
      await t.app.people.addAssignment(db, personId, {
        org_unit_id: must(o.unit ?? "T1"),
        job_role_id: must("SW"),
        career_level: o.careerLevel ?? null,
        contract_type: "permanent",
        fte: 1,
        line_manager_person_id: o.managerId ?? null,
        valid_from: "2024-01-01",
      });
      if (o.partner) {
        const org = await db
          .insertInto("partner_organisations")
          .values({ name: o.partner, sector: "health" })
          .onConflict((oc) => oc.columns(["tenant_id", "name"]).doUpdateSet({ sector: "health" }))
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .updateTable("people")
          .set({ partner_organisation_id: org.id })
          .where("id", "=", personId)
          .execute();
      }
    });
    return personId;
  };

  const session = async (o: SessionOptions = {}) => {
    courses += 1;
    return data.run(ctx, async (db) => {
      const course = await db
        .insertInto("learning_courses")
        .values({
          code: `BK-${courses}`,
          title: o.title ?? `Course ${courses}`,
          tier: "core",
          group_key: "assessment",
          delivery: "face_to_face",
          duration_hours: 6,
          cpd_hours: o.cpdHours === undefined ? 5 : o.cpdHours,
          cost_pence: o.costPence === undefined ? 15000 : o.costPence,
          booking_route: o.route ?? "self",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const s = await db
        .insertInto("learning_sessions")
        .values({
          course_id: course.id,
          capacity: o.capacity ?? 2,
          booking_closes_on: o.closesOn ?? "2026-12-10",
          venue: "Town Hall",
          created_by: "system:fixture",
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const parts = o.parts ?? [["2026-12-15T09:30:00Z", "2026-12-15T16:00:00Z"]];
      for (const [i, [starts, ends]] of parts.entries()) {
        await db
          .insertInto("learning_session_parts")
          .values({ session_id: s.id, part_number: i + 1, starts_at: starts, ends_at: ends })
          .execute();
      }
      return { sessionId: s.id, courseId: course.id };
    });
  };

  const as = (role: string, personId: string | null) =>
    t.signIn({ roles: [{ role, unitId: null }], personId });

  return { ctx, id, person, session, as };
}
