import { DEMO_ACTOR, generateAuthority } from "../../src/features/people/demo/generate.js";
import { PeopleService } from "../../src/features/people/people.service.js";
import { tenantScope } from "../../src/platform/auth/principal.js";
import type { ScenarioContext } from "../scenario.js";

/** The benchmarks' authority: the demo generator at 5,000 staff, always the same seed. */
export const BENCH_STAFF = 5000;
export const BENCH_SEED = 42;
export const BENCH_SCALE = "5,000 staff, 580 units (demo, seed 42)";

export interface DemoAuthority {
  /** Signed in as an HR and workforce analyst (sees every page, equality data included). */
  cookie: string;
  /** A current member of staff with the most assignments (moves, ASYE, a second job). */
  profile: { id: string; name: string };
  /** The team or home with the most people in it today. */
  team: { id: string; name: string };
  /** A name on page 2 of the people list (50 a page, by family name). */
  pageTwoName: string;
  /** A service's name, shown on the organisation tree. */
  serviceName: string;
}

let prepared: Promise<DemoAuthority> | undefined;

/**
 * Generates the 5,000-staff authority into the benchmark tenant once per run, however many
 * scenarios ask for it (each scenario's setup runs in the same process against the same database).
 */
export function demoAuthority(ctx: ScenarioContext): Promise<DemoAuthority> {
  prepared ??= prepare(ctx);
  return prepared;
}

async function prepare(ctx: ScenarioContext): Promise<DemoAuthority> {
  const { data, clock, database } = ctx.platform;
  const people = new PeopleService(data, clock);
  const tenant = await ctx.db
    .selectFrom("tenants")
    .select("name")
    .where("id", "=", ctx.tenantId)
    .executeTakeFirstOrThrow();
  const result = await generateAuthority({
    tenantId: ctx.tenantId,
    authorityName: tenant.name,
    seed: BENCH_SEED,
    staff: BENCH_STAFF,
    today: people.today(),
    people,
    data,
    concurrency: database.kind === "postgres" ? 4 : 1,
    log: (m) => console.error(`bench: ${m}`),
  });
  const t = result.timings;
  console.error(
    `bench: generated ${result.summary.staffToday} staff in ${(t.totalMs / 1000).toFixed(1)} s ` +
      `(bulk ${(t.bulkMs / 1000).toFixed(1)} s, history ${(t.eventsMs / 1000).toFixed(1)} s)`,
  );
  const ctxT = { tenantId: ctx.tenantId, actor: DEMO_ACTOR };
  const today = people.today();
  const picked = await data.run(ctxT, async (db) => {
    const profile = await db
      .selectFrom("assignments")
      .innerJoin("people", "people.id", "assignments.person_id")
      .select(["people.id", "people.given_name", "people.family_name"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("people.kind", "=", "staff")
      .where("people.id", "in", (eb) =>
        eb
          .selectFrom("assignments as now")
          .select("now.person_id")
          .where("now.valid_from", "<=", today)
          .where((w) => w.or([w("now.valid_to", "is", null), w("now.valid_to", ">=", today)])),
      )
      .groupBy(["people.id", "people.given_name", "people.family_name", "people.email"])
      .orderBy("n", "desc")
      .orderBy("people.email")
      .limit(1)
      .executeTakeFirstOrThrow();
    const team = await db
      .selectFrom("assignments")
      .innerJoin("org_units", "org_units.id", "assignments.org_unit_id")
      .select(["org_units.id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("assignments.valid_from", "<=", today)
      .where((w) => w.or([w("assignments.valid_to", "is", null), w("assignments.valid_to", ">=", today)]))
      .groupBy(["org_units.id", "org_units.code"])
      .orderBy("n", "desc")
      .orderBy("org_units.code")
      .limit(1)
      .executeTakeFirstOrThrow();
    const teamName = await db
      .selectFrom("org_unit_versions")
      .select("name")
      .where("org_unit_id", "=", team.id)
      .where("valid_from", "<=", today)
      .orderBy("valid_from", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    return { profile, team: { id: team.id, name: teamName.name } };
  });
  const pageTwo = await people.listPeople(ctxT, { scope: tenantScope, page: 2 });
  const first = pageTwo.rows[0];
  if (!first) throw new Error("The people list has no page 2");
  return {
    cookie: await ctx.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] }),
    profile: {
      id: picked.profile.id,
      name: `${picked.profile.given_name} ${picked.profile.family_name}`,
    },
    team: picked.team,
    pageTwoName: first.familyName,
    serviceName: "Safeguarding and Family Help",
  };
}

/** As Nunjucks autoescaping writes text into a page, so expected text matches ("O'Brien"). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
