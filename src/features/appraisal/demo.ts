import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addDays, dateInLondon, type IsoDate } from "../../platform/dates.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { TenantContext, TenantDb } from "../../platform/tenancy/data-access.js";
import { inPostContractTypes } from "../people/people.service.js";
import type { ObjectiveProgress } from "./schema.js";

/** A deterministic pick: the same appraisals for the same people every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const pick = <T>(items: readonly T[], key: string): T => items[hash(key) % items.length] as T;
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

const objectives: Array<[string, string]> = [
  ["Complete child and family assessments within 45 working days", "Nine in ten assessments on time"],
  [
    "Visit every child on my caseload within their plan's timescales",
    "Visits in timescale in monthly audits",
  ],
  [
    "Lead a Signs of Safety mapping in a child protection conference",
    "Mapping led and reflected on in supervision",
  ],
  ["Improve the analysis in my assessments", "Audits grade the analysis good or better"],
  ["Record direct work in the child's own words", "Child's voice evident in case audits"],
  ["Complete the practice educator stage 1 course", "Course completed and a student supported"],
  ["Mentor a newly qualified social worker in the team", "Fortnightly sessions held; NQSW feedback"],
  ["Keep chronologies up to date on every case", "Chronologies current in audits"],
  ["Contribute to the team's practice development sessions", "Two sessions led in the year"],
  ["Build confidence giving evidence in court", "Court skills training and one hearing observed"],
];
const summaries = [
  "A strong half year: assessments on time and good feedback from families. Agreed to focus on analysis.",
  "Good progress on most objectives; caseload pressure in the summer slowed the court skills work.",
  "Settled well into the team. Recording is improving; keep the weekly recording slot.",
];
const finals = [
  "A good year. Objectives met, with real growth in confidence in conferences and in court.",
  "Most objectives met. Analysis in assessments has improved; carry the mentoring objective into next year.",
  "A difficult year with high caseloads, handled well. Two objectives partly met and carried forward.",
];
const aspirations = [
  "Senior practitioner within two years",
  "To become a practice educator",
  "Stay in frontline practice and specialise in exploitation",
  "Team manager in three to five years",
  "",
];
const needs: Array<[string, string]> = [
  ["law_court", "Confidence giving evidence in care proceedings"],
  ["assessment_analysis", "Analysis in assessments: moving from description to judgement"],
  ["leadership_supervision", "Reflective supervision for new practice supervisors"],
  ["specialist_practice", "Recognising child criminal exploitation and county lines"],
  ["practice_model", "Using Signs of Safety mapping in child protection conferences"],
];

interface Member {
  personId: string;
  managerId: string | null;
}

/** The people in post on a date (their main assignment), with its line manager. */
async function cohort(db: TenantDb, on: IsoDate, leftBefore: IsoDate): Promise<Member[]> {
  return db
    .selectFrom("assignments as s")
    .innerJoin("people", "people.id", "s.person_id")
    .distinctOn("s.person_id")
    .select(["s.person_id as personId", "s.line_manager_person_id as managerId"])
    .where("s.valid_from", "<=", on)
    .where((eb) => eb.or([eb("s.valid_to", "is", null), eb("s.valid_to", ">=", on)]))
    .where("s.contract_type", "in", [...inPostContractTypes])
    .where("people.anonymised_on", "is", null)
    .where(
      sql<boolean>`not exists (select 1 from leavings lv where lv.person_id = people.id and lv.left_on < ${leftBefore})`,
    )
    .orderBy("s.person_id")
    .orderBy("s.fte", "desc")
    .orderBy("s.valid_from")
    .execute();
}

interface Cycle {
  id: string;
  startsOn: IsoDate;
  objectivesDueOn: IsoDate;
  midYearDueOn: IsoDate;
  completionDueOn: IsoDate;
}

/**
 * Each member's roll, 0 to 99: their place in a deterministic shuffle of the cycle's members, so
 * the shares below (85% completed, and so on) hold exactly, whatever ids the database gave.
 */
function rolls(c: Cycle, members: Member[]): Map<string, number> {
  const shuffled = [...members].sort(
    (a, b) =>
      hash(`${c.id}:${a.personId}`) - hash(`${c.id}:${b.personId}`) || (a.personId < b.personId ? -1 : 1),
  );
  return new Map(shuffled.map((m, i) => [m.personId, Math.floor((i * 100) / shuffled.length)]));
}

/** How far a person's appraisal got: past cycles mostly completed, the current one under way. */
function plan(c: Cycle, roll: number, today: IsoDate, current: boolean, forced: boolean) {
  const on = (due: IsoDate, early: number) => minDate(addDays(due, -(early % 40)), today);
  const agreed = on(c.objectivesDueOn, roll);
  const midYear = on(c.midYearDueOn, roll + 7);
  const completed = on(c.completionDueOn, roll + 13);
  if (!current) {
    // About 85% completed; the rest stopped at a stage, or never started.
    if (roll < 85) return { agreed, midYear, completed, confirmed: roll < 75 };
    if (roll < 92) return { agreed, midYear: roll < 89 ? midYear : null, completed: null, confirmed: false };
    return null;
  }
  if (!forced && roll >= 88) return null;
  const agreedDone =
    forced || (today > c.objectivesDueOn ? roll < 82 : today > addDays(c.startsOn, 30) && roll < 40);
  const midDone =
    agreedDone && (today > c.midYearDueOn ? roll < 30 : today > addDays(c.midYearDueOn, -30) && roll < 10);
  return {
    agreed: agreedDone ? agreed : null,
    midYear: midDone ? midYear : null,
    completed: null,
    confirmed: false,
  };
}

/**
 * The demo council's appraisals: the last two years' cycles mostly completed (about 85%), this
 * year's under way (objectives agreed for most once due, a few mid-year reviews), development
 * needs raised into the learning needs analysis, the demo practitioner's own appraisal with its
 * objectives, and someone in the demo line manager's team not started (overdue once objectives
 * are due). Does nothing for a council that has appraisal cycles.
 */
export async function seedDemoAppraisal(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const year = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    const raise = await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("appraisal_cycles").select("id").limit(1).executeTakeFirst()) return [];
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return [];
      const account = async (email: string) =>
        (await db.selectFrom("users").select("person_id").where("email", "=", email).executeTakeFirst())
          ?.person_id ?? null;
      const practitioner = await account("practitioner@demo.test");
      const lineManager = await account("line.manager@demo.test");
      let leftOut: string | null = null;
      const toRaise: string[] = [];

      for (const y of [year - 2, year - 1, year]) {
        const current = y === year;
        const inserted = await db
          .insertInto("appraisal_cycles")
          .values({
            name: `${y} to ${y + 1}`,
            starts_on: `${y}-04-01`,
            ends_on: `${y + 1}-03-31`,
            objectives_due_on: `${y}-06-30`,
            mid_year_due_on: `${y}-10-31`,
            completion_due_on: `${y + 1}-03-31`,
            created_by: "system:demo",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const c: Cycle = {
          id: inserted.id,
          startsOn: `${y}-04-01`,
          objectivesDueOn: `${y}-06-30`,
          midYearDueOn: `${y}-10-31`,
          completionDueOn: `${y + 1}-03-31`,
        };
        const members = await cohort(db, c.startsOn, minDate(today, c.completionDueOn));
        const rollOf = rolls(c, members);
        let n = 0;
        for (const m of members) {
          // The demo line manager's first report is left not started this year.
          if (
            current &&
            !leftOut &&
            lineManager &&
            m.managerId === lineManager &&
            m.personId !== practitioner
          ) {
            leftOut = m.personId;
            continue;
          }
          const p = plan(c, rollOf.get(m.personId) ?? 0, today, current, m.personId === practitioner);
          if (!p) continue;
          const appraisal = await db
            .insertInto("appraisals")
            .values({
              cycle_id: c.id,
              person_id: m.personId,
              appraiser_person_id: m.managerId,
              objectives_agreed_on: p.agreed,
              mid_year_on: p.midYear,
              mid_year_summary: p.midYear ? pick(summaries, `${c.id}${m.personId}s`) : null,
              career_aspiration: p.agreed ? pick(aspirations, `${m.personId}a`) || null : null,
              completed_on: p.completed,
              final_summary: p.completed ? pick(finals, `${c.id}${m.personId}f`) : null,
              confirmed_on: p.confirmed && p.completed ? minDate(addDays(p.completed, 5), today) : null,
              created_by: "system:demo",
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (!p.agreed) continue;
          const count = 2 + (hash(`${m.personId}${c.id}n`) % 2);
          const first = hash(`${c.id}${m.personId}o`) % objectives.length;
          const lines = Array.from(
            { length: count },
            (_, i) => objectives[(first + i * 3) % objectives.length],
          );
          const progress = (i: number): ObjectiveProgress => {
            const r = hash(`${appraisal.id}${i}`) % 10;
            if (p.completed) return r < 7 ? "met" : r < 9 ? "partly_met" : "not_met";
            if (p.midYear) return r < 6 ? "on_track" : r < 8 ? "met" : "at_risk";
            return r < 7 ? "not_started" : "on_track";
          };
          await db
            .insertInto("appraisal_objectives")
            .values(
              lines.map((l, i) => ({
                appraisal_id: appraisal.id,
                sequence: i + 1,
                objective: l?.[0] ?? "",
                measure: l?.[1] ?? null,
                progress: progress(i),
              })),
            )
            .execute();
          // This year: about one in eight with objectives agreed raised a development need.
          if (current && (n % 8 === 0 || m.personId === practitioner)) toRaise.push(appraisal.id);
          n += 1;
        }
      }
      return toRaise;
    });

    // Through the service, so each need is in the learning needs analysis and linked.
    const planYear = app.learningNeeds.planningYear();
    for (const [i, appraisalId] of raise.entries()) {
      const [theme, description] = needs[i % needs.length] ?? ["other", "Development need"];
      try {
        await app.appraisals.addNeed(ctx, appraisalId, {
          planYear,
          courseId: null,
          description,
          theme,
          priority: i % 3 === 0 ? "essential" : "important",
          pcfDomain: i % 2 === 0 ? "knowledge" : "skills_interventions",
          neededBy: `${planYear + 1}-03-31`,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
      }
    }
  }
}
