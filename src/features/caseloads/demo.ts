import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { dateInLondon, type IsoDate } from "../../platform/dates.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";
import type { CaseCategories } from "./schema.js";

/** A deterministic number from text: the same caseloads every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The last day of the month `back` months before the month of `date`. */
function monthEnd(date: IsoDate, back: number): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back + 1, 0));
  return d.toISOString().slice(0, 10);
}

interface Holder {
  personId: string;
  careerLevel: string | null;
  fte: number;
  managerId: string | null;
}

/**
 * Targets like Slough's (a council-wide team average of 16; an NQSW at most 14 children; a
 * consultant or advanced practitioner half the team's target; nobody above 20), a complexity
 * weight for child protection, and 12 month-end snapshots (the case management system's feed) for
 * the demo council's case holders: mostly at or under target, with in the latest two a couple over
 * their cap (one in the demo line manager's team, so they had the email) and the first NQSW in
 * the early career programme over their protected caseload (the early career dashboard shows it).
 * Runs after the early career seed. Does nothing for a council that already has caseload targets.
 */
export async function seedDemoCaseloads(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    const plan = await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("caseload_targets").select("id").limit(1).executeTakeFirst()) return null;
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return null;
      const from = monthEnd(today, 36);
      await db
        .insertInto("caseload_targets")
        .values([
          { kind: "team_average", children: 16, valid_from: from, created_by: "system:demo" },
          {
            kind: "individual_cap",
            career_level: "nqsw",
            children: 14,
            valid_from: from,
            created_by: "system:demo",
          },
          {
            kind: "individual_cap",
            career_level: "advanced",
            percent_of_team: 50,
            valid_from: from,
            created_by: "system:demo",
          },
          { kind: "individual_cap", children: 20, valid_from: from, created_by: "system:demo" },
        ])
        .execute();
      await db
        .insertInto("caseload_weights")
        .values({
          category: "child_protection",
          name: "Child protection",
          weight: 1.5,
          valid_from: from,
          created_by: "system:demo",
        })
        .execute();
      const lineManager =
        (
          await db
            .selectFrom("users")
            .select("person_id")
            .where("email", "=", "line.manager@demo.test")
            .executeTakeFirst()
        )?.person_id ?? null;
      const nqsw = await db
        .selectFrom("early_career_enrolments as e")
        .innerJoin("people as p", "p.id", "e.person_id")
        .select("e.person_id")
        .where("e.status", "=", "active")
        .orderBy("p.family_name")
        .orderBy("p.given_name")
        .orderBy("e.id")
        .executeTakeFirst();
      const dates = Array.from({ length: 12 }, (_, i) => monthEnd(today, 12 - i));
      const holders = new Map<IsoDate, Holder[]>();
      for (const asAt of dates) {
        const rows = await sql<{
          person_id: string;
          career_level: string | null;
          fte: string;
          line_manager_person_id: string | null;
        }>`select distinct on (a.person_id) a.person_id, a.career_level, a.line_manager_person_id,
            (select sum(b.fte) from assignments b where b.person_id = a.person_id and b.valid_from <= ${asAt}
              and (b.valid_to is null or b.valid_to >= ${asAt}))::text as fte
          from assignments a join job_roles r on r.id = a.job_role_id join people p on p.id = a.person_id
          where r.case_holder and p.kind = 'staff' and a.valid_from <= ${asAt}
            and (a.valid_to is null or a.valid_to >= ${asAt})
          order by a.person_id, a.fte desc, a.valid_from`.execute(db);
        holders.set(
          asAt,
          rows.rows.map((r) => ({
            personId: r.person_id,
            careerLevel: r.career_level,
            fte: Number(r.fte),
            managerId: r.line_manager_person_id,
          })),
        );
      }
      return { dates, holders, lineManager, nqsw: nqsw?.person_id ?? null };
    });
    if (!plan) continue;
    // Someone in the demo line manager's team over their cap in the latest two snapshots.
    const latest = plan.holders.get(plan.dates.at(-1) ?? "") ?? [];
    const teamOver = latest.find((h) => h.managerId === plan.lineManager && h.personId !== plan.nqsw) ?? null;
    const otherOver = latest.find(
      (h) =>
        h.careerLevel !== "nqsw" &&
        h.managerId !== plan.lineManager &&
        h.fte >= 1 &&
        hash(h.personId) % 7 === 0,
    );
    for (const [index, asAt] of plan.dates.entries()) {
      const recent = index >= plan.dates.length - 2;
      const rows = (plan.holders.get(asAt) ?? []).map((h) => {
        const key = `${h.personId}:${asAt}`;
        let full: number;
        if (h.careerLevel === "nqsw") full = 9 + Math.min(4, Math.floor(index / 3)) + (hash(key) % 2);
        else if (h.careerLevel === "advanced") full = 5 + (hash(key) % 4);
        else full = 12 + (hash(key) % 6); // 12 to 17: mostly at or under 16
        let children = Math.max(0, Math.round(full * Math.min(1, h.fte)));
        if (recent && h.personId === plan.nqsw) children = 15; // NQSW cap 14
        if (recent && teamOver && h.personId === teamOver.personId)
          children = h.careerLevel === "nqsw" ? 16 : h.careerLevel === "advanced" ? 10 : 22;
        if (index === plan.dates.length - 1 && otherOver && h.personId === otherOver.personId) children = 21;
        const protection = Math.min(children, hash(`${key}:cp`) % 5);
        const categories: CaseCategories | null = children > 0 ? { child_protection: protection } : null;
        return { personId: h.personId, children, categories };
      });
      await app.caseloads.importRows(ctx, { asAt, source: "feed", filename: `caseloads-${asAt}.csv`, rows });
    }
  }
}
