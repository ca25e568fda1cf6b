import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { censusComponents, censusDataset } from "./census-workers.js";
import { dfeMeasures, type Measure } from "./formulas.js";
import {
  type PublishedRow,
  planFor,
  planInputs,
  readPublishedRows,
  type WorkforcePlan,
} from "./test-fixture.js";

/**
 * The DfE's published 2025 figures reproduced from worker-level records: for each row of the
 * fixture (England and five local authorities, copied from csww_indicators_2017_to_2025.csv), a
 * workforce whose totals match the published components is built; the measures worked out from
 * the worker records equal the published rates to one decimal place. The five authorities are
 * five units of one council in the database, computed through app.workforceMeasures (the real
 * repository and service); England (38,292 people in post) through the same census rules in
 * memory, which is the service's code path without the SQL.
 */
const YEAR = 2025;
const rows = readPublishedRows(new URL("./published-rows.test-fixture.csv", import.meta.url));
const england = rows.find((r) => r.level === "National") as PublishedRow;
const authorities = rows.filter((r) => r.level === "Local authority");

const published: Array<[Measure["key"], string]> = [
  ["turnover_rate_fte", "turnover_rate_fte"],
  ["turnover_rate_headcount", "turnover_rate_headcount"],
  ["vacancy_rate_fte", "vacancy_rate_fte"],
  ["agency_rate_fte", "agency_rate_fte"],
  ["agency_rate_headcount", "agency_rate_headcount"],
  ["agency_cover_rate_fte", "agency_cover_rate_fte"],
  ["vacancy_agency_cover_rate_fte", "vacancy_agency_cover_rate_fte"],
  ["caseload_fte", "caseload_fte"],
  ["absence_rate_fte", "absence_rate_fte"],
];

function expectPublished(row: PublishedRow, measures: Measure[]): void {
  const got = Object.fromEntries(measures.map((m) => [m.key, m.value]));
  const want = Object.fromEntries(published.map(([key, column]) => [key, row.values[column]]));
  expect({ area: row.areaName, ...got }).toEqual({ area: row.areaName, ...want });
}

describe("published rates from worker records", () => {
  it("has England and at least five local authorities", () => {
    expect(england.areaName).toBe("England");
    expect(authorities.length).toBeGreaterThanOrEqual(5);
  });

  it("England 2025 (in memory, the same census rules)", () => {
    const plan = planFor(england, YEAR);
    const c = censusComponents(censusDataset(YEAR, planInputs(plan, YEAR)));
    expect(c).toMatchObject({
      inpostFte: 36186.3,
      inpostHeadcount: 38292,
      leaversFte: 4276.3,
      agencyFte: 5415.9,
      vacancyFte: 5965.4,
      cases: 321661,
    });
    expectPublished(england, dfeMeasures(c));
  });

  describe("five local authorities through the database", () => {
    let t: TestApp;
    const units = new Map<string, string>();

    beforeAll(async () => {
      t = await buildTestApp();
      const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
      await t.app.platform.data.run(ctx, async (db) => {
        const role = await db
          .insertInto("job_roles")
          .values({
            code: "SW",
            name: "Social worker",
            social_work_qualified: true,
            case_holder: true,
            dfe_org_role: 5,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const snapshot = await db
          .insertInto("caseload_snapshots")
          .values({ as_at: `${YEAR}-09-30`, source: "typed", created_by: "system:test" })
          .returning("id")
          .executeTakeFirstOrThrow();
        let n = 0;
        for (const row of authorities) {
          const unitId = await t.app.people.createUnitIn(db, {
            code: row.areaCode,
            name: row.areaName,
            unit_type: "directorate",
            parent_id: null,
            valid_from: "2015-01-01",
          });
          units.set(row.areaCode, unitId);
          n = await insertPlan(db, planFor(row, YEAR), {
            unitId,
            roleId: role.id,
            snapshotId: snapshot.id,
            n,
          });
        }
      });
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    for (const row of authorities) {
      it(`${row.areaName} 2025`, async () => {
        const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
        const unitId = units.get(row.areaCode) ?? null;
        const { components, measures } = await t.app.workforceMeasures.measuresFor(ctx, {
          year: YEAR,
          unitId,
        });
        expect(components).toMatchObject({
          inpostFte: row.values.inpost_fte,
          inpostHeadcount: row.values.inpost_headcount,
          startersFte: row.values.starters_fte,
          startersHeadcount: row.values.starters_headcount,
          leaversFte: row.values.leavers_fte,
          leaversHeadcount: row.values.leavers_headcount,
          agencyFte: row.values.agency_fte,
          agencyHeadcount: row.values.agency_headcount,
          agencyCoverFte: row.values.agency_cover_fte,
          vacancyFte: row.values.vacancy_fte,
          caseHoldersFte: row.values.case_holders_fte,
          cases: row.values.cases,
          workingDaysLost: row.values.working_days_lost_fte,
        });
        expectPublished(row, measures);
      });
    }

    it("the whole council is the sum of its units", async () => {
      const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
      const all = await t.app.workforceMeasures.measuresFor(ctx, { year: YEAR, unitId: null });
      const total = authorities.reduce((s, r) => s + (r.values.inpost_headcount ?? 0), 0);
      expect(all.components.inpostHeadcount).toBe(total);
    });
  });
});

/** The plan's people, assignments, posts, leavings, caseload entries and absences in one unit. */
async function insertPlan(
  db: TenantDb,
  plan: WorkforcePlan,
  o: { unitId: string; roleId: string; snapshotId: string; n: number },
): Promise<number> {
  let n = o.n;
  const ids = new Map<string, string>();
  const postIds = new Map<string, string>();
  const chunks = <T>(list: T[]) =>
    Array.from({ length: Math.ceil(list.length / 400) }, (_, i) => list.slice(i * 400, i * 400 + 400));
  for (const chunk of chunks(plan.workers)) {
    const people = await db
      .insertInto("people")
      .values(
        chunk.map((w) => {
          n += 1;
          return { given_name: "Worker", family_name: w.key, swe_number: `SW${n}` };
        }),
      )
      .returning("id")
      .execute();
    chunk.forEach((w, i) => {
      ids.set(w.key, people[i]?.id as string);
    });
  }
  if (plan.posts.length > 0) {
    const posts = await db
      .insertInto("posts")
      .values(
        plan.posts.map((p) => ({
          reference: p.key,
          org_unit_id: o.unitId,
          job_role_id: o.roleId,
          fte: p.fte,
          social_work_qualified: true,
          valid_from: "2015-01-05",
        })),
      )
      .returning(["id", "reference"])
      .execute();
    for (const p of posts) postIds.set(p.reference, p.id);
  }
  const id = (key: string) => ids.get(key) as string;
  for (const chunk of chunks(plan.workers)) {
    await db
      .insertInto("assignments")
      .values(
        chunk.map((w) => ({
          person_id: id(w.key),
          post_id: w.postKey ? (postIds.get(w.postKey) ?? null) : null,
          org_unit_id: o.unitId,
          job_role_id: o.roleId,
          contract_type: w.kind === "agency" ? ("agency" as const) : ("permanent" as const),
          fte: w.fte,
          valid_from: w.startedOn,
          valid_to: w.leftOn,
        })),
      )
      .execute();
  }
  const leavers = plan.workers.filter((w) => w.leftOn !== null);
  if (leavers.length > 0) {
    await db
      .insertInto("leavings")
      .values(leavers.map((w) => ({ person_id: id(w.key), left_on: w.leftOn as string, reason_code: 1 })))
      .execute();
  }
  for (const chunk of chunks(plan.workers.filter((w) => w.cases !== null))) {
    await db
      .insertInto("caseload_entries")
      .values(
        chunk.map((w) => ({
          snapshot_id: o.snapshotId,
          person_id: id(w.key),
          as_at: `${YEAR}-09-30`,
          children: w.cases as number,
        })),
      )
      .execute();
  }
  for (const chunk of chunks(plan.workers.filter((w) => (w.daysLost ?? 0) > 0))) {
    await db
      .insertInto("sickness_absences")
      .values(
        chunk.map((w) => ({
          person_id: id(w.key),
          period_from: `${YEAR}-02-02`,
          period_to: `${YEAR}-08-28`,
          working_days_lost: w.daysLost as number,
        })),
      )
      .execute();
  }
  return n;
}
