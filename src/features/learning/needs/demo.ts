import type { FastifyInstance } from "fastify";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { pcfDomains } from "../reference.js";
import { insertNeeds, type NeedInsert, upsertPlannedPlaces } from "./needs.repository.js";
import { planningYear, type Theme } from "./reference.js";
import type { NeedPriority, NeedStatus, StoredNeedSource } from "./schema.js";

/** A deterministic pick: the same needs for the same people every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const pick = <T>(items: readonly T[], key: string): T => items[hash(key) % items.length] as T;

/** Needs described in words, as managers write them, with their themes. */
const described: Array<[Theme, string]> = [
  ["law_court", "Confidence giving evidence in care proceedings"],
  ["law_court", "Writing statements for court that hold up to cross-examination"],
  ["recording_writing", "Writing chronologies that show the pattern of harm"],
  ["recording_writing", "Recording direct work in the child's own words"],
  ["direct_work", "Direct work tools for younger children who do not speak"],
  ["direct_work", "Working with fathers who avoid contact"],
  ["specialist_practice", "Recognising child criminal exploitation and county lines"],
  ["specialist_practice", "Neglect: using the graded care profile"],
  ["leadership_supervision", "Reflective supervision for new practice supervisors"],
  ["wellbeing_resilience", "Managing secondary trauma after difficult visits"],
  ["digital_systems", "Using the case recording system's new assessment forms"],
  ["equality_inclusion", "Culturally competent assessment of families new to the UK"],
  ["assessment_analysis", "Analysis in assessments: moving from description to judgement"],
  ["practice_model", "Using Signs of Safety mapping in child protection conferences"],
];

function priorityFor(key: string): NeedPriority {
  const roll = hash(key) % 20;
  return roll < 6 ? "essential" : roll < 15 ? "important" : "desirable";
}
function sourceFor(key: string): StoredNeedSource {
  const roll = hash(key) % 20;
  return roll < 15 ? "manager" : roll < 18 ? "appraisal" : "quality_finding";
}
function statusFor(yearsAgo: number, key: string): NeedStatus {
  if (yearsAgo === 0) return "open";
  const roll = hash(key) % 20;
  if (yearsAgo === 1) return roll < 12 ? "met" : roll < 17 ? "open" : "withdrawn";
  return roll < 16 ? "met" : "withdrawn";
}
const neededBy = (year: number, key: string) =>
  pick([`${year}-06-30`, `${year}-09-30`, `${year}-12-31`, `${year + 1}-03-31`], key);

/**
 * The demo council's learning needs: for the plan year being planned, needs for most staff
 * across the catalogue (every core course has some demand, a few needs described in words with
 * their themes), the two years before with most needs met, and places planned on the core
 * courses and the other courses most in demand. Does nothing for a council that has needs.
 * Returns the number of needs made.
 */
export async function seedDemoNeeds(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  const year = planningYear(app.learningNeeds.today());
  const today = app.learningNeeds.today();
  let made = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    made += await app.platform.data.run(ctx, (db) => seedCouncil(db, year, today));
  }
  return made;
}

async function seedCouncil(db: TenantDb, year: number, today: string): Promise<number> {
  const existing = await db.selectFrom("learning_needs").select("id").limit(1).execute();
  if (existing.length > 0) return 0;
  const [staffRows, courses] = await Promise.all([
    db
      .selectFrom("assignments")
      .innerJoin("people", "people.id", "assignments.person_id")
      .select("assignments.person_id")
      .distinct()
      .where("people.kind", "=", "staff")
      .where("people.anonymised_on", "is", null)
      .where("assignments.valid_from", "<=", today)
      .where((w) => w.or([w("assignments.valid_to", "is", null), w("assignments.valid_to", ">=", today)]))
      .orderBy("assignments.person_id")
      .execute(),
    db
      .selectFrom("learning_courses")
      .select(["id", "tier", "pcf_domains"])
      .where("status", "=", "active")
      .where("tier", "<>", "carers")
      .orderBy("code")
      .execute(),
  ]);
  const staff = staffRows.map((s) => s.person_id);
  const core = courses.filter((c) => c.tier === "core");
  if (staff.length === 0 || courses.length === 0) return 0;
  const domains = Object.keys(pcfDomains);

  const rows: NeedInsert[] = [];
  const need = (personId: string, planYear: number, course: (typeof courses)[number] | null, key: string) => {
    const [theme, text] = pick(described, key);
    rows.push({
      person_id: personId,
      plan_year: planYear,
      course_id: course?.id ?? null,
      description: course ? null : text,
      theme: course ? null : theme,
      priority: priorityFor(`p:${key}`),
      pcf_domain: course?.pcf_domains[0] ?? pick(domains, `d:${key}`),
      needed_by: neededBy(planYear, key),
      source: sourceFor(`s:${key}`),
      recorded_by: "system:demo",
    });
  };

  for (const [yearsAgo, share] of [
    [0, 17],
    [1, 14],
    [2, 12],
  ] as const) {
    const planYear = year - yearsAgo;
    // Most staff (share in 20) have needs recorded; the others are still to be seen.
    const chosen = staff.filter((id) => hash(`${planYear}:${id}`) % 20 < share);
    if (chosen.length === 0) continue;
    const start = rows.length;
    // Every core course is someone's need, then a second course and now and then a described need.
    const first = Math.max(chosen.length, core.length);
    for (let k = 0; k < first; k++) {
      const personId = chosen[k % chosen.length] as string;
      const course = core.length
        ? (core[(k + planYear) % core.length] ?? null)
        : pick(courses, `${personId}`);
      need(personId, planYear, course, `${planYear}:${personId}:${k}:1`);
    }
    for (const [index, personId] of chosen.entries()) {
      const key = `${planYear}:${personId}`;
      if (hash(`${key}:2`) % 2 === 0) need(personId, planYear, pick(courses, `${key}:c2`), `${key}:2`);
      // About three in twenty describe a need in words (the first two always, so every year has some).
      if (index < 2 || hash(`${key}:3`) % 20 < 3) need(personId, planYear, null, `${key}:3`);
    }
    for (let i = start; i < rows.length; i++) {
      const row = rows[i] as NeedInsert;
      row.status = statusFor(yearsAgo, `${row.person_id}:${i}`);
    }
  }
  const added = await insertNeeds(db, rows);

  // Places planned for the year being planned: each core course, and the ten other courses most
  // needed, at between two thirds of the demand and a little over it, in groups of 12.
  const demand = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.plan_year !== year || !r.course_id) continue;
    const people = demand.get(r.course_id) ?? new Set<string>();
    people.add(r.person_id);
    demand.set(r.course_id, people);
  }
  const coreIds = new Set(core.map((c) => c.id));
  const others = [...demand]
    .filter(([id]) => !coreIds.has(id))
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 10)
    .map(([id]) => id);
  for (const courseId of [...coreIds, ...others]) {
    const people = demand.get(courseId)?.size ?? 0;
    const factor = 0.65 + (hash(`places:${courseId}`) % 50) / 100;
    const places = Math.max(12, Math.ceil((people * factor) / 12) * 12);
    await upsertPlannedPlaces(db, {
      course_id: courseId,
      plan_year: year,
      places,
      note: `${places / 12} ${places === 12 ? "cohort" : "cohorts"} of 12`,
      set_by: "system:demo",
    });
  }
  return added.length;
}
