import type { TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../../platform/tenancy/data-access.js";
import type { ContractType } from "../../../people/reference/domain.js";
import type { MeasureValue } from "../api.js";
import type { MeasureKey } from "../definitions.js";
import { computeMeasures } from "./index.js";

/**
 * A small council for the computed measures, as at 31 October 2026 (today is 23 November 2026).
 * Every expected figure in the tests is worked by hand from this description.
 *
 *   Children's Services D (directorate)
 *     Safeguarding S (service)
 *       Team One T1     posts P1-P7 (social worker, 1.0 each)
 *       Team Two T2     posts Q1-Q6 (social worker, 1.0 each)
 *     Early Help S2 (service)
 *       Team Three T3   (three people: every percentage there is held back)
 *
 * Roles: SW social worker (social work qualified, case holder), FSW family support worker,
 * STU student social worker (neither).
 *
 * T1  a1-a4, a6  SW permanent 1.0 from 1 Jan 2024 in P1-P4, P7
 *     a5         SW agency 1.0 from 1 Jan 2026 covering P5
 *     L1         SW permanent 1.0 in P6, 1 Jan 2024 - 30 Jun 2026, left 30 Jun 2026 (in the year)
 *     L0         SW permanent 1.0, 1 Jan 2024 - 30 Sep 2025, left 30 Sep 2025 (before the year)
 *     R1         SW permanent 1.0, 1 Jan 2024 - 15 Oct 2025, left 15 Oct 2025 (before the year)
 *     f1         SW permanent 1.0 from 15 Nov 2026 (after the date)
 *     s1         STU student 5 May - 31 Jul 2026;  s2 STU student from 1 Oct 2026
 * T2  b1-b4      SW permanent 1.0 from 1 Mar 2026 in Q1-Q4 (NQSWs)
 *     b5         SW permanent 0.5 from 1 Mar 2026 in Q5 (NQSW)
 *     b6         FSW permanent 1.0 from 1 Jan 2024
 *     L2         SW permanent 1.0 in Q6 from 1 Jan 2024, leaves 10 Nov 2026 (after the date)
 *     s3         STU student 1 Sep 2025 - 31 Mar 2026 (started before the year)
 * T3  c1         SW permanent 1.0 from 1 Mar 2026 (NQSW); c2, c3 SW permanent 1.0 from 1 Jan 2024
 *     s4         STU student from 2 Nov 2026 (after the date)
 */
export const AS_AT: IsoDate = "2026-10-31";

export interface ComputeFixture {
  ctx: TenantContext;
  id: Record<string, string>;
  run<T>(work: (db: TenantDb) => Promise<T>): Promise<T>;
}

export async function seedComputeFixture(t: TestApp): Promise<ComputeFixture> {
  const ctx: TenantContext = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);
  const id: Record<string, string> = {};
  const must = (key: string): string => {
    const value = id[key];
    if (!value) throw new Error(`fixture has no ${key}`);
    return value;
  };
  await run(async (db) => {
    for (const [code, name, sw] of [
      ["SW", "Social worker", true],
      ["FSW", "Family support worker", false],
      ["STU", "Student social worker", false],
    ] as const) {
      const row = await db
        .insertInto("job_roles")
        .values({ code, name, social_work_qualified: sw, case_holder: sw })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[code] = row.id;
    }
    const unit = async (key: string, name: string, unitType: string, parent: string | null) => {
      id[key] = await t.app.people.createUnitIn(db, {
        code: key,
        name,
        unit_type: unitType,
        parent_id: parent ? must(parent) : null,
        valid_from: "2023-01-01",
      });
    };
    await unit("D", "Children's Services", "directorate", null);
    await unit("S", "Safeguarding", "service", "D");
    await unit("S2", "Early Help", "service", "D");
    await unit("T1", "Team One", "team", "S");
    await unit("T2", "Team Two", "team", "S");
    await unit("T3", "Team Three", "team", "S2");
    const posts: [string, string][] = [
      ...["P1", "P2", "P3", "P4", "P5", "P6", "P7"].map((p) => [p, "T1"] as [string, string]),
      ...["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"].map((p) => [p, "T2"] as [string, string]),
    ];
    for (const [ref, team] of posts) {
      const row = await db
        .insertInto("posts")
        .values({
          reference: ref,
          org_unit_id: must(team),
          job_role_id: must("SW"),
          fte: 1,
          social_work_qualified: true,
          valid_from: "2023-01-01",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[ref] = row.id;
    }

    const person = async (
      key: string,
      assignment: {
        team: string;
        role: string;
        contract?: ContractType;
        fte?: number;
        from: IsoDate;
        to?: IsoDate;
        post?: string;
      },
    ) => {
      const row = await db
        .insertInto("people")
        .values({ given_name: key.toUpperCase(), family_name: "Fixture" })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[key] = row.id;
      await db
        .insertInto("assignments")
        .values({
          person_id: row.id,
          org_unit_id: must(assignment.team),
          job_role_id: must(assignment.role),
          post_id: assignment.post ? must(assignment.post) : null,
          contract_type: assignment.contract ?? "permanent",
          fte: assignment.fte ?? 1,
          valid_from: assignment.from,
          valid_to: assignment.to ?? null,
        })
        .execute();
    };
    const since2024 = "2024-01-01";
    for (const [key, post] of [
      ["a1", "P1"],
      ["a2", "P2"],
      ["a3", "P3"],
      ["a4", "P4"],
      ["a6", "P7"],
    ] as const)
      await person(key, { team: "T1", role: "SW", from: since2024, post });
    await person("a5", { team: "T1", role: "SW", contract: "agency", from: "2026-01-01", post: "P5" });
    await person("L1", { team: "T1", role: "SW", from: since2024, to: "2026-06-30", post: "P6" });
    await person("L0", { team: "T1", role: "SW", from: since2024, to: "2025-09-30" });
    await person("R1", { team: "T1", role: "SW", from: since2024, to: "2025-10-15" });
    await person("f1", { team: "T1", role: "SW", from: "2026-11-15" });
    await person("s1", {
      team: "T1",
      role: "STU",
      contract: "student",
      from: "2026-05-05",
      to: "2026-07-31",
    });
    await person("s2", { team: "T1", role: "STU", contract: "student", from: "2026-10-01" });
    for (const [key, post] of [
      ["b1", "Q1"],
      ["b2", "Q2"],
      ["b3", "Q3"],
      ["b4", "Q4"],
    ] as const)
      await person(key, { team: "T2", role: "SW", from: "2026-03-01", post });
    await person("b5", { team: "T2", role: "SW", fte: 0.5, from: "2026-03-01", post: "Q5" });
    await person("b6", { team: "T2", role: "FSW", from: since2024 });
    await person("L2", { team: "T2", role: "SW", from: since2024, to: "2026-11-10", post: "Q6" });
    await person("s3", {
      team: "T2",
      role: "STU",
      contract: "student",
      from: "2025-09-01",
      to: "2026-03-31",
    });
    await person("c1", { team: "T3", role: "SW", from: "2026-03-01" });
    await person("c2", { team: "T3", role: "SW", from: since2024 });
    await person("c3", { team: "T3", role: "SW", from: since2024 });
    await person("s4", { team: "T3", role: "STU", contract: "student", from: "2026-11-02" });
    for (const [key, leftOn] of [
      ["L1", "2026-06-30"],
      ["L0", "2025-09-30"],
      ["R1", "2025-10-15"],
      ["L2", "2026-11-10"],
    ] as const)
      await db
        .insertInto("leavings")
        .values({ person_id: must(key), left_on: leftOn, reason_code: 1 })
        .execute();
  });
  return { ctx, id, run };
}

/** The computed values for the fixture's units and the council, by unit key ("council": null). */
/**
 * Each unit's figures as its family works them out, with each unit's own small-number rule but not
 * the secondary rule across siblings (secondary.test.ts and the test below it cover that), so the
 * hand-worked figures for Safeguarding stay visible beside Early Help's 3 people.
 */
export async function valuesFor(
  t: TestApp,
  f: ComputeFixture,
  asAt: IsoDate = AS_AT,
  secondary = false,
): Promise<(unit: "T1" | "T2" | "S" | "T3" | "council", key: MeasureKey) => MeasureValue> {
  const keys = ["T1", "T2", "S", "T3"] as const;
  const result = await computeMeasures(t.app, f.ctx, {
    unitIds: [...keys.map((k) => f.id[k] as string), null],
    asAt,
    secondary,
  });
  return (unit, key) => {
    const value = result.get(unit === "council" ? null : (f.id[unit] as string))?.get(key);
    if (!value) throw new Error(`no ${key} for ${unit}`);
    return value;
  };
}

/** What a test compares: the figure, its parts and whether it is held back. */
export const shown = (v: MeasureValue) => ({
  value: v.value,
  numerator: v.numerator,
  denominator: v.denominator,
  suppressed: v.suppressed,
});
