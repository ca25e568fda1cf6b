import type { FastifyInstance } from "fastify";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { Direction } from "../schema.js";
import type { MeasureKey } from "./definitions.js";

/** Writes a target row as the targets pages would (one standing row per measure and unit at a time). */
export async function addTarget(
  app: FastifyInstance,
  ctx: TenantContext,
  t: {
    key: MeasureKey;
    unitId: string | null;
    direction?: Direction;
    target: number;
    amberFrom: number;
    from: IsoDate;
    to?: IsoDate | null;
  },
): Promise<string> {
  const row = await app.platform.data.run(ctx, (db) =>
    db
      .insertInto("performance_targets")
      .values({
        measure_key: t.key,
        org_unit_id: t.unitId,
        direction: t.direction ?? "higher",
        target: t.target,
        amber_from: t.amberFrom,
        valid_from: t.from,
        valid_to: t.to ?? null,
        created_by: "system:test",
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Writes (or replaces) a month's entered value, as the entries pages would. */
export async function enter(
  app: FastifyInstance,
  ctx: TenantContext,
  e: {
    key: MeasureKey;
    unitId: string | null;
    periodEnd: IsoDate;
    value: number;
    numerator?: number;
    denominator?: number;
  },
): Promise<void> {
  await app.platform.data.run(ctx, (db) =>
    db
      .insertInto("performance_entries")
      .values({
        measure_key: e.key,
        org_unit_id: e.unitId,
        period_end: e.periodEnd,
        value: e.value,
        numerator: e.numerator ?? null,
        denominator: e.denominator ?? null,
        source: "form",
        entered_by: "system:test",
      })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "measure_key", "org_unit_id", "period_end"]).doUpdateSet({
          value: e.value,
          numerator: e.numerator ?? null,
          denominator: e.denominator ?? null,
        }),
      )
      .execute(),
  );
}

/** A permanent (or agency) social worker in a team from a date. */
export async function addSocialWorker(
  app: FastifyInstance,
  ctx: TenantContext,
  p: { name: string; unitId: string; jobRoleId: string; from: IsoDate; contract?: "permanent" | "agency" },
): Promise<string> {
  const personId = await app.people.createPerson(ctx, {
    given_name: p.name,
    family_name: "Tester",
    started_on: p.from,
  });
  await app.platform.data.run(ctx, (db) =>
    app.people.addAssignment(db, personId, {
      org_unit_id: p.unitId,
      job_role_id: p.jobRoleId,
      post_id: null,
      contract_type: p.contract ?? "permanent",
      fte: 1,
      valid_from: p.from,
    }),
  );
  return personId;
}
