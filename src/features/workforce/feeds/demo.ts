import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { ContractType } from "../../people/reference/domain.js";
import { MSP_SOURCE } from "./agency.js";

/** A deterministic number from text: the same demo every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const BATCH = 1000;
const agencies = [
  "Caring Locums Ltd",
  "Sanctuary Social Care",
  "Liquid Personnel",
  "Hays Social Care",
  "Nonstop Consult",
];
const employed: ContractType[] = ["permanent", "fixed_term", "apprentice", "secondee"];

interface Month {
  from: IsoDate;
  to: IsoDate;
  workingDays: number;
}

/** The calendar months of the last three complete census years (October to September). */
function censusMonths(today: IsoDate): Month[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const lastYear = m >= 10 ? y : y - 1; // the latest census year whose 30 September has passed
  const months: Month[] = [];
  for (let i = 0; i < 36; i++) {
    const start = new Date(Date.UTC(lastYear - 3, 9 + i, 1));
    const end = new Date(Date.UTC(lastYear - 3, 10 + i, 0));
    let workingDays = 0;
    for (let d = new Date(start); d <= end; d.setUTCDate(d.getUTCDate() + 1))
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) workingDays += 1;
    months.push({ from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10), workingDays });
  }
  return months;
}

const half = (n: number) => Math.round(n * 2) / 2;

/**
 * The demo council's workforce feeds, as if they had run for three years: sickness absence from
 * HR for every employee by month for the last three census years (most months none, some short
 * spells, a few people off long-term: an absence rate near the DfE's 3 to 4 percent), a placement
 * from the agency's managed service provider for each existing agency assignment (with a
 * reference, an agency and the worker's ID), and the stability figure for census years 2024 to
 * 2026, each recorded as a feed run. For every council that has staff and no absence data yet;
 * batched inserts. Runs after the people seed (needs assignments); no other order needs.
 */
export async function seedDemoWorkforceFeeds(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const now = app.platform.clock.now();
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("sickness_absences").select("id").limit(1).executeTakeFirst()) return;
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return;
      await seedAbsence(db, today, now);
      await seedPlacements(db, now);
      await seedStability(db, now);
    });
  }
}

async function feedRun(
  db: TenantDb,
  kind: "agency" | "absence" | "stability",
  filename: string,
  rows: number,
  now: Date,
): Promise<string> {
  const run = await db
    .insertInto("workforce_feed_runs")
    .values({
      kind,
      trigger: "feed",
      filename,
      sha256: createHash("sha256").update(`demo:${kind}:${filename}`).digest("hex"),
      rows_total: rows,
      rows_applied: rows,
      created_by: "system:demo",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return run.id;
}

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function seedAbsence(db: TenantDb, today: IsoDate, now: Date): Promise<void> {
  const months = censusMonths(today);
  const first = months[0]?.from as IsoDate;
  const last = months.at(-1)?.to as IsoDate;
  const spells = await db
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "a.person_id",
      "a.fte",
      "a.valid_from",
      "a.valid_to",
      "p.employee_number",
      "p.given_name",
      "p.family_name",
    ])
    .where("p.kind", "=", "staff")
    .where("a.contract_type", "in", employed)
    .where("a.valid_from", "<=", last)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", first)]))
    .orderBy("a.person_id")
    .execute();
  const byPerson = new Map<string, { fte: number; from: IsoDate; to: IsoDate | null }[]>();
  // Absences are drawn from what stays the same between runs (ids do not): the employee number,
  // else the name.
  const stable = new Map<string, string>();
  for (const s of spells) {
    stable.set(s.person_id, s.employee_number ?? `${s.given_name} ${s.family_name}`);
    const list = byPerson.get(s.person_id) ?? [];
    list.push({ fte: Number(s.fte), from: s.valid_from, to: s.valid_to });
    byPerson.set(s.person_id, list);
  }
  const rows: { person_id: string; period_from: IsoDate; period_to: IsoDate; working_days_lost: number }[] =
    [];
  for (const [personId, list] of byPerson) {
    const who = stable.get(personId) ?? personId;
    // A long-term absence in about one person-year in twenty: two to four months off.
    const longSpells = new Map<number, { start: number; length: number }>();
    for (let year = 0; year < 3; year++) {
      const h = hash(`${who}:long:${year}`);
      if (h % 100 < 5)
        longSpells.set(year, { start: year * 12 + ((h >>> 8) % 10), length: 2 + ((h >>> 16) % 3) });
    }
    months.forEach((month, index) => {
      const fte = Math.min(
        1,
        list
          .filter((s) => s.from <= month.to && (s.to === null || s.to >= month.from))
          .reduce((sum, s) => sum + s.fte, 0),
      );
      if (fte <= 0) return;
      const key = `${who}:${month.from}`;
      let days = 0;
      const long = longSpells.get(Math.floor(index / 12));
      if (long && index >= long.start && index < long.start + long.length) {
        days =
          index === long.start
            ? month.workingDays * (0.3 + (hash(`${key}:in`) % 50) / 100)
            : month.workingDays;
      } else if (hash(`${key}:short`) % 100 < 18) {
        days = 1 + (hash(`${key}:days`) % 5);
      }
      rows.push({
        person_id: personId,
        period_from: month.from,
        period_to: month.to,
        working_days_lost: half(Math.min(month.workingDays, days * fte)),
      });
    });
  }
  if (!rows.length) return;
  const runId = await feedRun(db, "absence", `hr-sickness-absence-${first}-to-${last}.csv`, rows.length, now);
  await insertBatched(rows, (batch) =>
    db
      .insertInto("sickness_absences")
      .values(batch.map((r) => ({ ...r, feed_run_id: runId })))
      .execute(),
  );
}

async function seedPlacements(db: TenantDb, now: Date): Promise<void> {
  const agencyAssignments = await db
    .selectFrom("assignments as a")
    .leftJoin("agency_placements as p", "p.assignment_id", "a.id")
    .select(["a.id", "a.person_id", "a.post_id", "a.org_unit_id", "a.fte", "a.valid_from", "a.valid_to"])
    .where("a.contract_type", "=", "agency")
    .where("p.id", "is", null)
    .orderBy("a.valid_from")
    .orderBy("a.id")
    .execute();
  if (!agencyAssignments.length) return;
  const known = new Set(
    (
      await db.selectFrom("person_source_ids").select("person_id").where("source", "=", MSP_SOURCE).execute()
    ).map((l) => l.person_id),
  );
  const taken = new Set(
    (await db.selectFrom("agency_placements").select("placement_ref").execute()).map((p) => p.placement_ref),
  );
  const workers = [...new Set(agencyAssignments.map((a) => a.person_id))].filter((p) => !known.has(p)).sort();
  await insertBatched(
    workers.map((personId, i) => ({ person_id: personId, source: MSP_SOURCE, external_id: `W${50001 + i}` })),
    (batch) => db.insertInto("person_source_ids").values(batch).execute(),
  );
  const runId = await feedRun(db, "agency", "msp-placements.csv", agencyAssignments.length, now);
  let n = 10001;
  const refOf = () => {
    while (taken.has(`PL-${n}`)) n += 1;
    taken.add(`PL-${n}`);
    return `PL-${n}`;
  };
  await insertBatched(
    agencyAssignments.map((a) => ({
      placement_ref: refOf(),
      agency_name: agencies[hash(a.person_id) % agencies.length] as string,
      person_id: a.person_id,
      assignment_id: a.id,
      post_id: a.post_id,
      org_unit_id: a.org_unit_id,
      fte: Math.min(1.5, Math.round(Number(a.fte) * 100) / 100),
      starts_on: a.valid_from,
      ends_on: a.valid_to,
      feed_run_id: runId,
      updated_at: now,
    })),
    (batch) => db.insertInto("agency_placements").values(batch).execute(),
  );
}

async function seedStability(db: TenantDb, now: Date): Promise<void> {
  const holders = await sql<{ n: number }>`select count(distinct a.person_id)::int as n
    from assignments a join job_roles r on r.id = a.job_role_id
    where r.case_holder and a.valid_to is null`.execute(db);
  const caseHolders = Math.max(10, holders.rows[0]?.n ?? 0);
  const years = [2024, 2025, 2026];
  const runId = await feedRun(db, "stability", "cms-stability.csv", years.length, now);
  await db
    .insertInto("stability_figures")
    .values(
      years.map((year) => {
        const children = caseHolders * 24 + (hash(`stability:${year}`) % 200);
        const percent = 10 + (hash(`stability:${year}:three`) % 50) / 10; // 10% to 15%
        return {
          census_year: year,
          org_unit_id: null,
          children,
          children_three_plus: Math.round((children * percent) / 100),
          feed_run_id: runId,
          recorded_by: "system:demo",
          recorded_at: now,
        };
      }),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
