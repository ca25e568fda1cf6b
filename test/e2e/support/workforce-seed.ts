import type { FastifyInstance } from "fastify";
import { censusYearDates, censusYearOf } from "../../../src/features/workforce/measures/formulas.js";
import { addDays } from "../../../src/platform/dates.js";
import { seedPeopleFixture } from "../../support/people-fixture.js";

/** The social workers added to Assessment (T1) on top of the people fixture. */
const SOCIAL_WORKERS = [
  ["gwen", "Gwen", "Green", "E041", "SW2041"],
  ["hal", "Hal", "Hughes", "E042", "SW2042"],
  ["ivy", "Ivy", "Ingram", "E043", "SW2043"],
  ["jon", "Jon", "Jones", "E044", "SW2044"],
  ["kim", "Kim", "Khan", "E045", "SW2045"],
  ["lou", "Lou", "Lewis", "E046", "SW2046"],
] as const;

export interface WorkforceSeed {
  tenantId: string;
  id: Record<string, string>;
  /** Today in the app's clock, and the current census year (1 October to 30 September). */
  today: string;
  censusYear: number;
  /** The leaving date the journey types: yesterday, or today on the census year's first day. */
  leavingDate: string;
}

/**
 * The people fixture (test/support/people-fixture.ts: Alice Adams, a permanent 1.0 social worker
 * in Assessment, Bob Brown half a social worker, Dan Davis an agency social worker) plus six
 * permanent 1.0 social workers in Assessment from 1 January 2023, one of whom (Lou Lewis) left on
 * the first day of the current census year (resignation, to another council, theme workload). So
 * before the journey the social workers' turnover so far is 1 FTE ÷ 6.5 FTE in post = 15.4%.
 */
export async function seedWorkforce(app: FastifyInstance, tenantId: string): Promise<WorkforceSeed> {
  const { id, ctx } = await seedPeopleFixture(app, tenantId);
  const must = (key: string) => {
    const value = id[key];
    if (!value) throw new Error(`no ${key}`);
    return value;
  };
  for (const [key, given, family, employeeNumber, swe] of SOCIAL_WORKERS) {
    id[key] = await app.people.createPerson(
      ctx,
      {
        given_name: given,
        family_name: family,
        email: `${given.toLowerCase()}.${family.toLowerCase()}@example.org`,
        employee_number: employeeNumber,
        swe_number: swe,
        swe_status: "registered",
        started_on: "2023-01-01",
      },
      {
        org_unit_id: must("T1"),
        job_role_id: must("SW"),
        contract_type: "permanent",
        fte: 1,
        valid_from: "2023-01-01",
      },
    );
  }
  const today = app.people.today();
  const censusYear = censusYearOf(today);
  const { from } = censusYearDates(censusYear);
  await app.people.recordLeaver(ctx, must("lou"), {
    left_on: from,
    reason_code: 1,
    destination_code: 1,
    exit_themes: ["workload"],
  });
  const yesterday = addDays(today, -1);
  return { tenantId, id, today, censusYear, leavingDate: yesterday >= from ? yesterday : today };
}
