import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import "../../auth/schema.js";
import { hashSeed, Random } from "../../people/demo/random.js";
import { type ObservationTheme, observationThemes, type QualityGrade } from "../schema.js";

/**
 * A dozen observations of supervision over the last year, by the demo quality assurance lead's
 * and service manager's people, of line managers across the council (the demo line manager
 * among them, so they can read feedback on their own supervision). Each is linked to a
 * supervision the supervisor held that day or shortly before when the records seed made one.
 * Idempotent: a council with any observation is left alone. Returns the observations added.
 */
export async function seedDemoSupervisionObservations(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  const today = dateInLondon(app.platform.clock.now());
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    added += await app.platform.data.run(ctx, (db) => seedCouncil(db, tenant.slug, today));
  }
  return added;
}

const strengths = [
  "A warm, unhurried start: the supervisee set the agenda and the child's daily life was at the centre of the discussion.",
  "Good use of the practice model to map worries, strengths and next steps with the family's words.",
  "Curious questions that helped the worker see the pattern in the chronology for themselves.",
  "Clear, safe challenge about drift in the plan, balanced with recognition of the work done.",
  "Wellbeing was checked properly, not as a box ticked at the end.",
];
const development = [
  "Actions need an owner and a date: three of the five agreed had neither.",
  "More space for reflection before moving to tasks; the case list took most of the time.",
  "Bring the child's voice in directly: what would the children say about the plan?",
  "Record the rationale for the decision to step down, not only the decision.",
  "Link the worker's learning needs to the development plan and the appraisal.",
];
const ratings: (readonly [QualityGrade, number])[] = [
  ["outstanding", 1],
  ["good", 6],
  ["requires_improvement", 3],
  ["inadequate", 0.5],
];

async function seedCouncil(db: TenantDb, slug: string, today: IsoDate): Promise<number> {
  if (await db.selectFrom("supervision_observations").select("id").limit(1).executeTakeFirst()) return 0;
  const accounts = await db
    .selectFrom("users")
    .select(["email", "person_id"])
    .where("email", "in", ["quality@demo.test", "service.manager@demo.test", "line.manager@demo.test"])
    .execute();
  const personOf = (email: string) => accounts.find((u) => u.email === email)?.person_id ?? null;
  const observers = [personOf("quality@demo.test"), personOf("service.manager@demo.test")].filter(
    (p): p is string => p !== null,
  );
  const lineManager = personOf("line.manager@demo.test");
  const managers = (
    await db
      .selectFrom("assignments")
      .select("line_manager_person_id")
      .distinct()
      .where("line_manager_person_id", "is not", null)
      .where("valid_from", "<=", today)
      .where((w) => w.or([w("valid_to", "is", null), w("valid_to", ">=", today)]))
      .execute()
  )
    .map((r) => r.line_manager_person_id as string)
    .filter((p) => !observers.includes(p))
    .sort();
  if (managers.length === 0) return 0;

  const random = new Random(hashSeed(`${slug}:supervision-observations`));
  const chosen = random.shuffle(managers.filter((m) => m !== lineManager)).slice(0, 10);
  if (lineManager) chosen.splice(2, 0, lineManager, lineManager);
  const rows = [];
  for (const [i, supervisor] of chosen.slice(0, 12).entries()) {
    const observedOn = addDays(today, -Math.round(((i + 0.5) * 360) / 12) - random.int(0, 10));
    const held = await db
      .selectFrom("supervisions")
      .select(["id", "held_on"])
      .where("supervisor_person_id", "=", supervisor)
      .where("status", "=", "held")
      .where("held_on", "<=", observedOn)
      .where("held_on", ">=", addDays(observedOn, -28))
      .orderBy("held_on", "desc")
      .limit(1)
      .executeTakeFirst();
    const themes = random
      .shuffle(observationThemes)
      .slice(0, random.int(2, 4))
      .sort((a, b) => observationThemes.indexOf(a) - observationThemes.indexOf(b)) as ObservationTheme[];
    rows.push({
      supervision_id: held?.id ?? null,
      supervisor_person_id: supervisor,
      observer_person_id: observers.length ? (observers[i % observers.length] ?? null) : null,
      observed_on: held?.held_on ?? observedOn,
      themes,
      rating: random.weighted(ratings),
      strengths: random.pick(strengths),
      development: random.pick(development),
      recorded_by: "system:demo",
    });
  }
  if (rows.length) await db.insertInto("supervision_observations").values(rows).execute();
  return rows.length;
}
