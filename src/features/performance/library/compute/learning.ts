import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { type ReadinessState, registrationYearOn } from "../../../cpd/registration/readiness.js";
import { readinessAll } from "../../../cpd/registration/registration.repository.js";
import { compliantStatuses } from "../../../learning/compliance/compliance.repository.js";
import type { ComplianceStatus } from "../../../learning/compliance/status.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue } from "./values.js";

/**
 * Mandatory training: the compliance engine's statuses as at the date (app.compliance
 * .statusesAsAt: the rules of learning/compliance/status.ts, the requirement versions in force
 * then, records completed by then) for the staff with an assignment in force on the date (not
 * those leaving on it, as the workforce measures count them), each in
 * the team the engine places them in. A requirement counts as met as the compliance pages count
 * it: complete, not yet due, due soon (a renewal in its grace period included), exempt or paused.
 *
 * CPD readiness: the registration area's set-based readiness (readiness.ts rules) for the
 * registration year the date falls in, counting CPD dated from the year's start up to the date;
 * of the registered people working on the date (in their main assignment's unit), those who must
 * record CPD this year: met or not met yet (suspended or removed registrations and people first
 * registered in the renewal window are left out).
 */

const compliant = new Set<ComplianceStatus>(compliantStatuses);

export interface PersonTraining {
  personId: string;
  orgUnitId: string | null;
  met: number;
  applies: number;
}

/** Each person's requirements met and applying, from the engine's statuses (pure). */
export function trainingByPerson(
  statuses: readonly { personId: string; orgUnitId: string | null; status: ComplianceStatus }[],
): PersonTraining[] {
  const out = new Map<string, PersonTraining>();
  for (const s of statuses) {
    let p = out.get(s.personId);
    if (!p) {
      p = { personId: s.personId, orgUnitId: s.orgUnitId, met: 0, applies: 0 };
      out.set(s.personId, p);
    }
    p.applies += 1;
    if (compliant.has(s.status)) p.met += 1;
  }
  return [...out.values()];
}

export function trainingValue(people: readonly PersonTraining[]): MeasureValue {
  let met = 0;
  let applies = 0;
  for (const p of people) {
    met += p.met;
    applies += p.applies;
  }
  return measureValue("mandatory_training", { numerator: met, denominator: applies, people: people.length });
}

export function cpdValue(rows: readonly { state: ReadinessState }[]): MeasureValue {
  const required = rows.filter((r) => r.state === "met" || r.state === "not_met");
  const met = required.filter((r) => r.state === "met").length;
  return measureValue("cpd_readiness", {
    numerator: met,
    denominator: required.length,
    people: required.length,
  });
}

export async function trainingFamily(
  app: FastifyInstance,
  ctx: TenantContext,
  tree: UnitTree,
  asAt: IsoDate,
): Promise<FamilyValues> {
  const staff = await app.platform.data.run(ctx, (db) =>
    sql<{ id: string }>`select distinct a.person_id as id from assignments a
      join people p on p.id = a.person_id
      where p.kind = 'staff' and p.anonymised_on is null
        and a.valid_from <= ${asAt} and (a.valid_to is null or a.valid_to >= ${asAt})
        and not exists (select 1 from leavings l where l.person_id = a.person_id and l.left_on = ${asAt})`.execute(
      db,
    ),
  );
  const statuses = await app.compliance.statusesAsAt(
    ctx,
    staff.rows.map((r) => r.id),
    asAt,
  );
  const groups = groupUp(tree, trainingByPerson(statuses), (p) => [p.orgUnitId]);
  return (unitId) => [trainingValue(groups.get(unitId) ?? [])];
}

export async function cpdFamily(
  app: FastifyInstance,
  ctx: TenantContext,
  tree: UnitTree,
  asAt: IsoDate,
): Promise<FamilyValues> {
  const year = registrationYearOn(asAt);
  // CPD dated up to the date only: what the log held for the year so far.
  const soFar = { ...year, endsOn: asAt < year.endsOn ? asAt : year.endsOn };
  const rows = await app.platform.data.run(ctx, (db) =>
    readinessAll(db, soFar, { today: asAt, scope: undefined, unitIds: null }, null),
  );
  const groups = groupUp(tree, rows, (r) => [r.orgUnitId]);
  return (unitId) => [cpdValue(groups.get(unitId) ?? [])];
}
