import type { FastifyInstance } from "fastify";
import { type GenerateResult, generateAuthority, tenantIsEmpty } from "./generate.js";

/** The demo authority: about 600 staff, always the same seed. */
export const DEMO_STAFF = 600;
export const DEMO_SEED = 20261123;

/**
 * In demo mode, gives every tenant that has no people yet the generated 600-staff authority, named
 * after the tenant, with its history up to the app clock's today. Call it after buildApp() and
 * before listening. Takes a few seconds on PGlite; does nothing on later starts.
 */
export async function seedDemoIfEmpty(
  app: FastifyInstance,
  options: { staff?: number; seed?: number } = {},
): Promise<GenerateResult[]> {
  const { data, database } = app.platform;
  const tenants = await data.system
    .selectFrom("tenants")
    .select(["id", "name"])
    .orderBy("created_at")
    .orderBy("slug")
    .execute();
  const results: GenerateResult[] = [];
  for (const tenant of tenants) {
    if (!(await tenantIsEmpty(data, tenant.id))) continue;
    app.log.info({ tenant: tenant.name }, "demo: generating the demo authority");
    try {
      const result = await generateAuthority({
        tenantId: tenant.id,
        authorityName: tenant.name,
        seed: options.seed ?? DEMO_SEED,
        staff: options.staff ?? DEMO_STAFF,
        today: app.people.today(),
        people: app.people,
        data,
        concurrency: database.kind === "postgres" ? 4 : 1,
      });
      app.log.info(
        { tenant: tenant.name, ...result.summary, seconds: Math.round(result.timings.totalMs / 100) / 10 },
        "demo: demo authority generated",
      );
      results.push(result);
    } catch (err) {
      // A half-made demo is still a demo; the app starts either way and the log says why.
      app.log.error({ err, tenant: tenant.name }, "demo: could not generate the demo authority");
    }
  }
  return results;
}
