import type { TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { SupervisionStage } from "../../early-career/schema.js";
import type { SupervisionKind } from "../schema.js";

/**
 * A small authority for compliance tests (today 23 November 2026), on the people fixture:
 *
 *   Rules: social workers every 4 weeks, pro rata, counting individual and case supervision;
 *   family support workers every 6 weeks, as often part-time; NQSWs on the programme's rhythm.
 *   No default: business support staff have no rule.
 *
 *   Alice   SW 1.0 Assessment        held 10 Nov 2026           in date (due 8 Dec)
 *   Dan     SW 1.0 Assessment        held 1 Sep; cancelled 20 Oct, rearranged 28 Nov: overdue
 *   Paula   SW 0.5 Family Support    held 1 Oct 2026            due (56 days: 26 Nov)
 *   Nia     NQSW from 7 Sep 2026     weekly, then fortnightly   in date (held 20 Nov, due 4 Dec)
 *   Bea     business support         no rule
 *   Eve     FSW 0.8 Family Support   only case supervision      overdue (case does not count)
 *   Bob     SW 0.5 + FSW 0.5         none                       overdue
 *   Fillers FSW 1.0 Early Help       none (Filler 01: 15 Jun 2026)
 *   Mo      senior social worker, line manager of all but the fillers (7 direct reports).
 */
export interface ComplianceFixture {
  ctx: TenantContext;
  id: Record<string, string>;
}

const RHYTHM: SupervisionStage[] = [
  { until: { weeks: 6 }, every: { weeks: 1 } },
  { until: { months: 6 }, every: { weeks: 2 } },
  { until: null, every: { months: 1 } },
];

export async function seedComplianceFixture(t: TestApp, fillers = 5): Promise<ComplianceFixture> {
  const { ctx, id } = await seedPeopleFixture(t.app, t.tenantId, { fillers });
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);
  await run(async (db) => {
    const bs = await db
      .insertInto("job_roles")
      .values({ code: "BS", name: "Business support", sort_order: 40 })
      .returning("id")
      .executeTakeFirstOrThrow();
    id.BS = bs.id;
    const rule = (values: {
      applies_to: "job_role" | "early_career";
      job_role_id?: string;
      every_value?: number;
      every_unit?: "weeks" | "months";
      part_time?: "same" | "pro_rata";
      counting_kinds: SupervisionKind[];
    }) =>
      db
        .insertInto("supervision_policy_rules")
        .values({ ...values, valid_from: "2020-01-01", created_by: "system:fixture" })
        .execute();
    await rule({
      applies_to: "job_role",
      job_role_id: id.SW,
      every_value: 4,
      every_unit: "weeks",
      part_time: "pro_rata",
      counting_kinds: ["individual", "case"],
    });
    await rule({
      applies_to: "job_role",
      job_role_id: id.FSW,
      every_value: 6,
      every_unit: "weeks",
      counting_kinds: ["individual"],
    });
    await rule({ applies_to: "early_career", counting_kinds: ["individual"] });
  });

  const person = async (key: string, given: string, family: string) => {
    id[key] = await t.app.people.createPerson(ctx, { given_name: given, family_name: family });
    return id[key] as string;
  };
  const assign = (key: string, unit: string, role: string, fte: number, from: IsoDate) =>
    run((db) =>
      t.app.people.addAssignment(db, id[key] as string, {
        org_unit_id: id[unit] as string,
        job_role_id: id[role] as string,
        contract_type: "permanent",
        fte,
        valid_from: from,
      }),
    );
  await person("mo", "Mo", "Manager");
  await assign("mo", "T1", "SSW", 1, "2023-01-01");
  await person("paula", "Paula", "Parttime");
  await assign("paula", "T2", "SW", 0.5, "2024-01-01");
  await person("nia", "Nia", "Newly-qualified");
  await assign("nia", "T1", "SW", 1, "2026-09-01");
  await person("bea", "Bea", "Business-support");
  await assign("bea", "T1", "BS", 1, "2024-01-01");

  await run(async (db) => {
    await db
      .updateTable("assignments")
      .set({ line_manager_person_id: id.mo as string })
      .where(
        "person_id",
        "in",
        ["alice", "dan", "paula", "nia", "bea", "eve", "bob"].map((k) => id[k] as string),
      )
      .execute();
    const programme = await db
      .insertInto("early_career_programmes")
      .values({ code: "ASYE", name: "Assessed and Supported Year in Employment" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto("early_career_programme_versions")
      .values({
        programme_id: programme.id,
        version: 1,
        length_months: 12,
        milestones: JSON.stringify([]),
        standards: JSON.stringify([]),
        min_evidence: JSON.stringify({}),
        supervision_rhythm: JSON.stringify(RHYTHM),
        created_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cohort = await db
      .insertInto("early_career_cohorts")
      .values({ programme_id: programme.id, name: "September 2026", intake_on: "2026-09-07" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("early_career_enrolments")
      .values({
        cohort_id: cohort.id,
        person_id: id.nia as string,
        programme_version_id: version.id,
        route: "university",
        start_on: "2026-09-07",
        end_on: "2027-09-06",
        fte: 1,
      })
      .execute();
  });

  await addSupervision(t, id.alice as string, "2026-11-10");
  await addSupervision(t, id.dan as string, "2026-09-01");
  await addSupervision(t, id.dan as string, "2026-10-20", {
    status: "cancelled",
    rearrangedOn: "2026-11-28",
  });
  await addSupervision(t, id.paula as string, "2026-10-01");
  for (const on of ["2026-09-14", "2026-09-21", "2026-11-06", "2026-11-20"]) {
    await addSupervision(t, id.nia as string, on);
  }
  await addSupervision(t, id.eve as string, "2026-11-01", { kind: "case" });
  await addSupervision(t, id.filler1 as string, "2026-06-15");
  return { ctx, id };
}

/** A supervision record (held, individual, supervised by Mo's fixture manager unless given). */
export async function addSupervision(
  t: TestApp,
  personId: string,
  heldOn: IsoDate,
  options: { kind?: SupervisionKind; status?: "held" | "cancelled"; rearrangedOn?: IsoDate } = {},
): Promise<void> {
  await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:fixture" } }, (db) =>
    db
      .insertInto("supervisions")
      .values({
        person_id: personId,
        kind: options.kind ?? "individual",
        held_on: heldOn,
        status: options.status ?? "held",
        cancelled_reason: options.status === "cancelled" ? "Sickness" : null,
        rearranged_on: options.rearrangedOn ?? null,
        recorded_by: "system:fixture",
      })
      .execute(),
  );
}
