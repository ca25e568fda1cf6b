import type { FastifyInstance } from "fastify";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { seedDemoElearning } from "../elearning/demo.js";
import { seedDemoEvaluations } from "../evaluation/demo.js";
import { seedDemoNeeds } from "../needs/demo.js";
import { seedDemoRequirements } from "../requirements/demo.js";
import { seedDemoSessions } from "../sessions/demo.js";
import { demoCatalogue } from "./catalogue.js";

/**
 * In demo mode, North East Lincolnshire's catalogue (demo/catalogue.ts) for each council that has
 * no courses yet. Does nothing once a council has courses.
 */
export async function seedDemoCatalogue(app: Pick<FastifyInstance, "platform">): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  let made = 0;
  for (const tenant of tenants) {
    await app.platform.data.run({ tenantId: tenant.id, actor: { id: "system:demo" } }, async (db) => {
      const existing = await db.selectFrom("learning_courses").select("id").limit(1).execute();
      if (existing.length > 0) return;
      await db
        .insertInto("learning_courses")
        .values(
          demoCatalogue.map((c) => ({
            code: c.code,
            title: c.title,
            tier: c.tier,
            group_key: c.group,
            strand: c.strand,
            strand_level: c.strandLevel,
            delivery: c.delivery,
            duration_hours: c.durationHours,
            cpd_hours: c.cpdHours,
            provider: c.provider,
            audience: c.audience,
            booking_route: c.bookingRoute,
            pcf_domains: c.pcfDomains,
          })),
        )
        .execute();
      made += demoCatalogue.length;
    });
  }
  return made;
}

/**
 * The whole demo learning offer for each council, on the first start only (each step skips what
 * exists): the catalogue, mandatory requirements, sessions over the demo year, a year of
 * e-learning completions, past sessions' bookings and registers (so people have records and the
 * compliance figures have something to show), then the compliance table worked out.
 */
export async function seedDemoLearning(app: FastifyInstance): Promise<void> {
  await seedDemoCatalogue(app);
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await seedDemoRequirements(app, ctx);
    const sessions = await seedDemoSessions(app, ctx);
    if (sessions > 0) await seedPastAttendance(app, ctx);
  }
  await seedDemoElearning(app);
  // Evaluations answer the requests the past attendance made.
  await seedDemoEvaluations(app);
  // Next year's learning needs, against the catalogue and the sessions just made.
  await seedDemoNeeds(app);
  for (const tenant of tenants) {
    await app.compliance.refreshAll({ tenantId: tenant.id, actor: { id: "system:demo" } });
  }
}

/** A deterministic pick: the same people on the same sessions every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Past sessions filled to about three quarters with staff, every part's attendance recorded
 * through the register (mostly attended, some partly, a few no-shows), so completions become
 * learning records exactly as they do for a real register.
 */
async function seedPastAttendance(app: FastifyInstance, ctx: TenantContext): Promise<void> {
  const today = app.sessions.today();
  const { past, staff } = await app.platform.data.run(ctx, async (db: TenantDb) => {
    const past = await db
      .selectFrom("learning_sessions as s")
      .innerJoin("learning_session_parts as p", "p.session_id", "s.id")
      .select(["s.id", "s.capacity"])
      .select((eb) => eb.fn.count<number>("p.id").as("parts"))
      .where("s.status", "=", "scheduled")
      .groupBy(["s.id", "s.capacity"])
      .having((eb) => eb.fn.max("p.ends_at"), "<", new Date(`${today}T00:00:00Z`))
      .orderBy("s.id")
      .execute();
    const staff = await db
      .selectFrom("assignments")
      .select("person_id")
      .distinct()
      .where("valid_from", "<=", today)
      .where((w) => w.or([w("valid_to", "is", null), w("valid_to", ">=", today)]))
      .orderBy("person_id")
      .execute();
    return { past, staff: staff.map((s) => s.person_id) };
  });
  if (staff.length === 0) return;
  for (const session of past) {
    const wanted = Math.max(1, Math.floor((session.capacity * 3) / 4));
    const chosen = new Set<string>();
    for (let i = 0; chosen.size < Math.min(wanted, staff.length) && i < wanted * 4; i++) {
      chosen.add(staff[hash(`${session.id}:${i}`) % staff.length] as string);
    }
    const bookings = await app.platform.data.run(ctx, (db) =>
      db
        .insertInto("learning_bookings")
        .values(
          [...chosen].map((personId) => ({
            session_id: session.id,
            person_id: personId,
            status: "booked" as const,
            requested_by: "system:demo",
          })),
        )
        .returning(["id"])
        .execute(),
    );
    const entries = bookings.flatMap((b) =>
      Array.from({ length: Number(session.parts) }, (_, part) => {
        const roll = hash(`${b.id}:${part}`) % 20;
        const status = roll === 0 ? "no_show" : roll === 1 ? "partly_attended" : "attended";
        return {
          bookingId: b.id,
          partNumber: part + 1,
          status: status as "attended" | "partly_attended" | "no_show",
          reason: status === "no_show" ? "Did not arrive; no apology given" : null,
          href: "#",
        };
      }),
    );
    await app.bookings.recordAttendance(ctx, session.id, entries);
  }
}
