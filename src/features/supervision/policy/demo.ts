import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import "../../auth/schema.js";
import { hashSeed, Random } from "../../people/demo/random.js";
import type { SupervisionKind } from "../schema.js";

/**
 * The demo council's supervision policy and agreements.
 *
 * Policy (part-time staff supervised as often as full-time staff throughout):
 *   - default: every 6 weeks, individual supervision, 60 minutes, from three years ago;
 *   - qualified case-holding social work job roles (social worker, senior social worker, NQSW,
 *     team and assistant team managers...): every 6 weeks until two years ago, then every 4
 *     weeks (the change is an ended rule and the next), individual and case supervision, 90 minutes;
 *   - the "advanced" career level (consultant / advanced practitioners): every month, counting
 *     reflective supervision too;
 *   - NQSWs on an early career programme: the programme's rhythm.
 * Settings: at most 6 direct reports, due soon 7 days, 90% in date.
 * Agreements: most current staff with a line manager have one with that manager, reviewed
 * yearly, mostly signed by both; some are past their review date and a few are unsigned. The demo
 * practitioner's agreement is signed by both and in date; in the demo line manager's team one
 * report has none and one is past its review date.
 * Idempotent: a council with any policy rule is left alone. Returns the rules and agreements added.
 */
export async function seedDemoSupervisionPolicy(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  const today = dateInLondon(app.platform.clock.now());
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    added += await app.platform.data.run(ctx, (db) => seedCouncil(db, tenant.slug, today));
  }
  return added;
}

function firstOfMonthYearsAgo(today: IsoDate, years: number): IsoDate {
  return `${Number(today.slice(0, 4)) - years}${today.slice(4, 7)}-01`;
}

function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

async function seedCouncil(db: TenantDb, slug: string, today: IsoDate): Promise<number> {
  if (await db.selectFrom("supervision_policy_rules").select("id").limit(1).executeTakeFirst()) return 0;
  const roles = await db
    .selectFrom("job_roles")
    .select(["id", "code"])
    .where("social_work_qualified", "=", true)
    .where("case_holder", "=", true)
    .execute();
  const levels = await db.selectFrom("career_levels").select("code").execute();
  if (roles.length === 0) return 0; // not a council the demo generated

  const start = firstOfMonthYearsAgo(today, 3);
  const change = firstOfMonthYearsAgo(today, 2);
  const by = "system:demo";
  type Rule = {
    applies_to: "default" | "job_role" | "career_level" | "early_career";
    job_role_id?: string | null;
    career_level?: string | null;
    every_value: number | null;
    every_unit: "weeks" | "months" | null;
    counting_kinds: SupervisionKind[];
    expected_minutes: number;
    valid_from: IsoDate;
    valid_to?: IsoDate | null;
    created_by: string;
  };
  const rules: Rule[] = [
    {
      applies_to: "default",
      every_value: 6,
      every_unit: "weeks",
      counting_kinds: ["individual"],
      expected_minutes: 60,
      valid_from: start,
      created_by: by,
    },
    {
      applies_to: "early_career",
      every_value: null,
      every_unit: null,
      counting_kinds: ["individual", "reflective"],
      expected_minutes: 90,
      valid_from: start,
      created_by: by,
    },
  ];
  for (const role of roles) {
    const base = {
      applies_to: "job_role" as const,
      job_role_id: role.id,
      every_unit: "weeks" as const,
      counting_kinds: ["individual", "case"] as SupervisionKind[],
      expected_minutes: 90,
      created_by: by,
    };
    rules.push({ ...base, every_value: 6, valid_from: start, valid_to: addDays(change, -1) });
    rules.push({ ...base, every_value: 4, valid_from: change });
  }
  if (levels.some((l) => l.code === "advanced")) {
    rules.push({
      applies_to: "career_level",
      career_level: "advanced",
      every_value: 1,
      every_unit: "months",
      counting_kinds: ["individual", "reflective", "case"],
      expected_minutes: 90,
      valid_from: change,
      created_by: by,
    });
  }
  await db.insertInto("supervision_policy_rules").values(rules).execute();
  await db
    .insertInto("supervision_settings")
    .values({ max_direct_reports: 6, due_soon_days: 7, in_date_target_percent: 90 })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  return rules.length + (await seedAgreements(db, slug, today));
}

async function seedAgreements(db: TenantDb, slug: string, today: IsoDate): Promise<number> {
  // Each current member of staff with a line manager: their latest assignment's manager and start.
  const staff = await db
    .selectFrom("assignments")
    .select(["person_id", "line_manager_person_id", "valid_from"])
    .where("line_manager_person_id", "is not", null)
    .where("valid_from", "<=", today)
    .where((w) => w.or([w("valid_to", "is", null), w("valid_to", ">=", today)]))
    .orderBy("person_id")
    .orderBy("valid_from", "desc")
    .execute();
  const accounts = await db
    .selectFrom("users")
    .select(["email", "person_id"])
    .where("email", "in", ["practitioner@demo.test", "line.manager@demo.test"])
    .execute();
  const practitioner = accounts.find((u) => u.email === "practitioner@demo.test")?.person_id ?? null;
  const lineManager = accounts.find((u) => u.email === "line.manager@demo.test")?.person_id ?? null;
  const seen = new Set<string>();
  const latest = staff.filter((s) => !seen.has(s.person_id) && seen.add(s.person_id));
  // In the line manager's team: the first report (not the practitioner) has none, the second is past review.
  const reports = latest
    .filter((s) => s.line_manager_person_id === lineManager && s.person_id !== practitioner)
    .map((s) => s.person_id)
    .sort();
  const [noAgreement, reviewPast] = reports;

  const random = new Random(hashSeed(`${slug}:supervision-agreements`));
  const frequency = [
    "Every 4 weeks, 90 minutes",
    "Every 4 weeks, with group supervision each quarter",
    "Every 6 weeks, 60 minutes",
  ];
  const arrangements = [
    "In a private room at the team base, diary invitations sent for the year. If one is cancelled, the supervisor rearranges within 5 working days. The supervisee brings the cases to discuss; actions are recorded and shared within 2 days.",
    "Alternating between the office and a walk-and-talk when wellbeing is the focus. Case discussion first, then development and wellbeing. Records kept on the system and confirmed by the supervisee.",
    "Hybrid: in person monthly, online in between if needed. The supervisee sets the agenda with the supervisor's additions. Reflective supervision with the practice lead each quarter.",
  ];
  const rows = [];
  for (const s of latest) {
    if (!s.line_manager_person_id || s.person_id === noAgreement) continue;
    if (s.person_id !== practitioner && s.person_id !== reviewPast && random.chance(0.12)) continue;
    let agreedOn = addDays(today, -random.int(20, 420));
    if (agreedOn < s.valid_from) agreedOn = addDays(s.valid_from, random.int(3, 20));
    if (agreedOn > today) agreedOn = today;
    if (s.person_id === practitioner) agreedOn = addDays(today, -95);
    if (s.person_id === reviewPast) agreedOn = addDays(today, -400);
    const signs = s.person_id === practitioner || s.person_id === reviewPast ? 1 : random.next();
    const signedSupervisor = signs > 0.05 ? addDays(agreedOn, random.int(0, 5)) : null;
    const signedSupervisee = signs > 0.12 ? addDays(agreedOn, random.int(0, 9)) : null;
    const clip = (d: IsoDate | null) => (d && d > today ? today : d);
    rows.push({
      person_id: s.person_id,
      supervisor_person_id: s.line_manager_person_id,
      agreed_on: agreedOn,
      review_on: addMonths(agreedOn, 12),
      frequency_text: random.pick(frequency),
      arrangements: random.pick(arrangements),
      supervisee_signed_on: clip(signedSupervisee),
      supervisor_signed_on: clip(signedSupervisor),
      created_by: "system:demo",
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("supervision_agreements")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}
