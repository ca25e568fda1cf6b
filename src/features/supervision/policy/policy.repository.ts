import type { Selectable } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type {
  EveryUnit,
  PartTimeTreatment,
  RuleTarget,
  SupervisionKind,
  SupervisionPolicyRulesTable,
} from "../schema.js";
import type { PolicyRule } from "./due.js";

export interface SupervisionSettings {
  maxDirectReports: number;
  dueSoonDays: number;
  inDateTargetPercent: number;
}

export const DEFAULT_SETTINGS: SupervisionSettings = {
  maxDirectReports: 6,
  dueSoonDays: 7,
  inDateTargetPercent: 90,
};

export interface RuleInsert {
  appliesTo: RuleTarget;
  jobRoleId: string | null;
  careerLevel: string | null;
  everyValue: number | null;
  everyUnit: EveryUnit | null;
  partTime: PartTimeTreatment;
  countingKinds: SupervisionKind[];
  expectedMinutes: number | null;
  validFrom: IsoDate;
  createdBy: string;
}

function toRule(r: Selectable<SupervisionPolicyRulesTable>): PolicyRule {
  return {
    id: r.id,
    appliesTo: r.applies_to,
    jobRoleId: r.job_role_id,
    careerLevel: r.career_level,
    everyValue: r.every_value,
    everyUnit: r.every_unit,
    partTime: r.part_time,
    countingKinds: r.counting_kinds,
    expectedMinutes: r.expected_minutes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export async function rules(db: TenantDb): Promise<PolicyRule[]> {
  const rows = await db
    .selectFrom("supervision_policy_rules")
    .selectAll()
    .orderBy("valid_from", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toRule);
}

export async function rule(db: TenantDb, ruleId: string): Promise<PolicyRule | undefined> {
  const row = await db
    .selectFrom("supervision_policy_rules")
    .selectAll()
    .where("id", "=", ruleId)
    .executeTakeFirst();
  return row ? toRule(row) : undefined;
}

export async function insertRule(db: TenantDb, r: RuleInsert): Promise<string> {
  const row = await db
    .insertInto("supervision_policy_rules")
    .values({
      applies_to: r.appliesTo,
      job_role_id: r.jobRoleId,
      career_level: r.careerLevel,
      every_value: r.everyValue,
      every_unit: r.everyUnit,
      part_time: r.partTime,
      counting_kinds: r.countingKinds,
      expected_minutes: r.expectedMinutes,
      valid_from: r.validFrom,
      created_by: r.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endRule(db: TenantDb, ruleId: string, validTo: IsoDate): Promise<void> {
  await db
    .updateTable("supervision_policy_rules")
    .set({ valid_to: validTo })
    .where("id", "=", ruleId)
    .execute();
}

export async function settings(db: TenantDb): Promise<SupervisionSettings> {
  const row = await db.selectFrom("supervision_settings").selectAll().executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    maxDirectReports: row.max_direct_reports,
    dueSoonDays: row.due_soon_days,
    inDateTargetPercent: Number(row.in_date_target_percent),
  };
}

export async function saveSettings(db: TenantDb, s: SupervisionSettings): Promise<void> {
  const values = {
    max_direct_reports: s.maxDirectReports,
    due_soon_days: s.dueSoonDays,
    in_date_target_percent: s.inDateTargetPercent,
  };
  await db
    .insertInto("supervision_settings")
    .values(values)
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
