import type { FastifyInstance } from "fastify";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { caseloadCap } from "./protection.js";
import { insertChecks, type ProtectionCheckInsert, termsFor } from "./protection.repository.js";

/** A deterministic number from text: the same checks for the same enrolments every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The same day `months` later (the last day of a shorter month). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Monthly protection checks for the demo council's active NQSWs, from a month after each start
 * to today: caseloads building up to just under the cap and development time at or above the
 * protected share, except for two NQSWs (the first two by name) so the dashboard has something
 * to flag: one now over the caseload cap, one whose development time fell to 5%. Does nothing
 * for a council that already has checks. Returns the number of checks made.
 */
export async function seedDemoProtection(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  const today = dateInLondon(app.platform.clock.now());
  let made = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    made += await app.platform.data.run(ctx, (db) => seedCouncil(db, today));
  }
  return made;
}

async function seedCouncil(db: TenantDb, today: IsoDate): Promise<number> {
  const existing = await db.selectFrom("early_career_protection_checks").select("id").limit(1).execute();
  if (existing.length > 0) return 0;
  const enrolments = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select(["e.id", "e.start_on"])
    .where("e.status", "=", "active")
    .where("e.start_on", "<", today)
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("e.id")
    .execute();
  const terms = await termsFor(
    db,
    enrolments.map((e) => e.id),
  );
  const rows: ProtectionCheckInsert[] = [];
  enrolments.forEach((e, index) => {
    const t = terms.get(e.id);
    const cap = (t && caseloadCap(t)) ?? 14;
    const required = t?.protectedTimePercent ?? 10;
    const dates: IsoDate[] = [];
    for (let m = 1; addMonths(e.start_on, m) <= today; m++) dates.push(addMonths(e.start_on, m));
    dates.forEach((on, i) => {
      const latest = i === dates.length - 1;
      const key = `${e.id}:${on}`;
      // Caseloads start small and build towards the cap, staying under it.
      let children = Math.min(cap - 1 - (hash(key) % 2), 4 + i * 2 + (hash(key) % 3));
      let time = required + (hash(`${key}:time`) % 5);
      let notes: string | null = null;
      if (index === 0 && latest) {
        children = cap + 1;
        notes =
          "Two sibling groups allocated while the team carried a vacancy; reallocation agreed with the team manager.";
      }
      if (index === 1 && latest) {
        time = 5;
        notes = "Study days cancelled this month to cover duty.";
      }
      rows.push({
        enrolmentId: e.id,
        recordedOn: on,
        caseloadChildren: Math.max(0, children),
        developmentTimePercent: time,
        source: "manual",
        notes,
        recordedBy: "system:demo",
      });
    });
  });
  await insertChecks(db, rows);
  return rows.length;
}
