import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { currentCensusYear } from "./census.service.js";

const ACTOR = "system:demo";

/** A deterministic number from text: the same details every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const institutions = [
  "University of Sussex",
  "University of Brighton",
  "Goldsmiths, University of London",
  "University of Kent",
  "Canterbury Christ Church University",
  "Royal Holloway, University of London",
  "University of Bedfordshire",
  "University of East Anglia",
  "University of Birmingham",
  "Open University",
  "University of Portsmouth",
  "Brunel University London",
];

export interface DemoCensusResult {
  tenantId: string;
  details: number;
  /** The social worker whose SWE number was blanked so the pre-submission report shows one. */
  blankedSwe: { personId: string; name: string } | null;
}

/**
 * The demo council's census: workforce settings (LEA number 999, South East, 253 working days) if
 * none; census details for its social workers (varied institutions and levels, a few Step Up and
 * Frontline graduates; one in 40 with none, so the report has missing institutions); and, as the
 * generated authority gives every social worker a number, the SWE number of one social worker in
 * post at the current census date (the lowest employee number) blanked, so the pre-submission
 * report lists a missing SWE number. Runs after the people seed (and the caseloads seed, for
 * cases at 30 September). Does nothing for a council that already has census details.
 */
export async function seedDemoCensus(app: FastifyInstance): Promise<DemoCensusResult[]> {
  const referenceDate = `${currentCensusYear(app.people.today())}-09-30`;
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  const results: DemoCensusResult[] = [];
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: ACTOR } };
    const result = await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("census_person_details").select("id").limit(1).executeTakeFirst()) return null;
      const workers = await db
        .selectFrom("assignments")
        .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
        .innerJoin("people", "people.id", "assignments.person_id")
        .select([
          "people.id",
          "people.given_name",
          "people.family_name",
          "people.employee_number",
          "people.swe_number",
        ])
        .select(
          sql<boolean>`bool_or(assignments.valid_from <= ${referenceDate} and (assignments.valid_to is null or assignments.valid_to >= ${referenceDate}) and assignments.contract_type not in ('agency', 'locum'))`.as(
            "in_post",
          ),
        )
        .where("job_roles.social_work_qualified", "=", true)
        .where("people.kind", "=", "staff")
        .groupBy([
          "people.id",
          "people.given_name",
          "people.family_name",
          "people.employee_number",
          "people.swe_number",
        ])
        .orderBy("people.employee_number")
        .orderBy("people.id")
        .execute();
      if (workers.length === 0) return null;
      await db
        .insertInto("workforce_settings")
        .values({
          lea_number: "999",
          la_code: null,
          region_code: "E12000006",
          working_days_per_year: 253,
          updated_by: ACTOR,
        })
        .onConflict((oc) => oc.column("tenant_id").doNothing())
        .execute();
      const details = workers
        .filter((w) => hash(`${w.id}:none`) % 40 !== 0)
        .map((w) => {
          const h = hash(w.id);
          return {
            person_id: w.id,
            qualification_institution: institutions[h % institutions.length] ?? null,
            qualification_level: [1, 1, 1, 2, 2, 3][(h >>> 4) % 6] ?? 1,
            step_up_grad: (h >>> 8) % 20 === 0,
            frontline_grad: (h >>> 12) % 12 === 0,
            start_origin: [1, 2, 2, 2, 4, 5, 6, 3, 9][(h >>> 16) % 9] ?? 9,
            cfkss_status: (h >>> 20) % 5 === 0 ? 1 : null,
            updated_by: ACTOR,
          };
        });
      for (let i = 0; i < details.length; i += 200) {
        await db
          .insertInto("census_person_details")
          .values(details.slice(i, i + 200))
          .execute();
      }
      let blankedSwe: DemoCensusResult["blankedSwe"] = null;
      const inPost = workers.filter((w) => w.in_post);
      if (inPost.length > 0 && inPost.every((w) => w.swe_number !== null)) {
        const chosen = inPost[0];
        if (chosen) {
          await db
            .updateTable("people")
            .set({
              swe_number: null,
              swe_status: null,
              swe_first_registered_on: null,
              swe_last_checked_on: null,
            })
            .where("id", "=", chosen.id)
            .execute();
          blankedSwe = { personId: chosen.id, name: `${chosen.given_name} ${chosen.family_name}` };
        }
      }
      return { tenantId: tenant.id, details: details.length, blankedSwe };
    });
    if (result) {
      app.log.info({ tenant: tenant.id, ...result }, "demo: census details seeded");
      results.push(result);
    }
  }
  return results;
}
