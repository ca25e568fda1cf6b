import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { MeasureKey } from "../library/definitions.js";
import { measureDefinitions } from "../library/definitions.js";
import type { Direction } from "../schema.js";

interface DemoTarget {
  key: MeasureKey;
  target: number;
  amberFrom: number;
  /** The strategy's date for meeting it. */
  targetDate: IsoDate | null;
}

/**
 * Slough's "Measures and targets" (workforce strategy 2014-17): 80% permanent (2017); average
 * caseload 16 and NQSWs' no more than 14 with 10% protected time (March 2015); 80% of audits good
 * or better and at most 5% inadequate (March 2016); 95% of assessments within 45 days and of CP
 * and LAC visits in time (March 2015); at least 4 students a year (from 2015/16); 80% of children
 * with at most 3 social workers (2017). Then Somerset's 90% supervision in date, and sensible ones
 * for the rest of the library.
 */
export const demoTargets: readonly DemoTarget[] = [
  { key: "permanent_social_workers", target: 80, amberFrom: 70, targetDate: "2017-03-31" },
  { key: "average_caseload", target: 16, amberFrom: 18, targetDate: "2015-03-31" },
  { key: "nqsw_caseload", target: 14, amberFrom: 15, targetDate: "2015-03-31" },
  { key: "nqsw_protected_time", target: 10, amberFrom: 8, targetDate: "2015-03-31" },
  { key: "audits_good_or_better", target: 80, amberFrom: 70, targetDate: "2016-03-31" },
  { key: "audits_inadequate", target: 5, amberFrom: 8, targetDate: "2016-03-31" },
  { key: "assessments_in_45_days", target: 95, amberFrom: 90, targetDate: "2015-03-31" },
  { key: "visits_in_time", target: 95, amberFrom: 90, targetDate: "2015-03-31" },
  { key: "students_per_year", target: 4, amberFrom: 3, targetDate: "2016-03-31" },
  { key: "children_max_three_social_workers", target: 80, amberFrom: 70, targetDate: "2017-03-31" },
  { key: "supervision_in_date", target: 90, amberFrom: 80, targetDate: null },
  { key: "agency_rate", target: 20, amberFrom: 25, targetDate: null },
  { key: "vacancy_rate", target: 15, amberFrom: 20, targetDate: null },
  { key: "turnover_rate", target: 15, amberFrom: 20, targetDate: null },
  { key: "appraisal_completion", target: 90, amberFrom: 80, targetDate: null },
  { key: "mandatory_training", target: 90, amberFrom: 80, targetDate: null },
  { key: "cpd_readiness", target: 85, amberFrom: 70, targetDate: null },
  { key: "asye_completion", target: 90, amberFrom: 80, targetDate: null },
  { key: "asye_retention", target: 80, amberFrom: 70, targetDate: null },
];

/** Who owns each measure in the demo: the demo accounts' people. */
const demoOwners: Record<string, readonly MeasureKey[]> = {
  "senior.leader@demo.test": [
    "permanent_social_workers",
    "average_caseload",
    "assessments_in_45_days",
    "visits_in_time",
    "children_max_three_social_workers",
  ],
  "hr@demo.test": ["agency_rate", "vacancy_rate", "turnover_rate", "appraisal_completion"],
  "learning@demo.test": [
    "mandatory_training",
    "cpd_readiness",
    "asye_completion",
    "asye_retention",
    "students_per_year",
    "nqsw_caseload",
    "nqsw_protected_time",
  ],
  "quality@demo.test": ["supervision_in_date", "audits_good_or_better", "audits_inadequate"],
};

/**
 * For every council with no performance targets: the targets above, council-wide, in force from a
 * year before today, and the owners of the measures (those whose demo account exists). Runs
 * after the demo users and before the performance snapshots; does nothing a second time.
 */
export async function seedDemoPerformanceTargets(app: FastifyInstance): Promise<void> {
  const validFrom = addDays(dateInLondon(app.platform.clock.now()), -365);
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("performance_targets").select("id").limit(1).executeTakeFirst()) return;
      await db
        .insertInto("performance_targets")
        .values(
          demoTargets.map((t) => ({
            measure_key: t.key,
            org_unit_id: null,
            direction: measureDefinitions[t.key].direction as Direction,
            target: t.target,
            amber_from: t.amberFrom,
            target_date: t.targetDate,
            valid_from: validFrom,
            created_by: "system:demo",
          })),
        )
        .execute();
      const people = await db
        .selectFrom("users")
        .select(["email", "person_id"])
        .where("email", "in", Object.keys(demoOwners))
        .where("person_id", "is not", null)
        .execute();
      const owners = people.flatMap((p) =>
        (demoOwners[p.email] ?? []).map((key) => ({
          measure_key: key,
          owner_person_id: p.person_id as string,
          updated_by: "system:demo",
        })),
      );
      if (owners.length > 0)
        await db
          .insertInto("performance_measure_owners")
          .values(owners)
          .onConflict((oc) => oc.columns(["tenant_id", "measure_key"]).doNothing())
          .execute();
    });
  }
}
