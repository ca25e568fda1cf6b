/**
 * The evaluation report: requests, responses, ratings, confidence and impact per course, trainer
 * or tier, for sessions attended in a period, over the learners the viewer reaches. A mean from
 * fewer than 5 responses is withheld (null), since so few answers can point to a person.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { SMALL_NUMBER } from "./words.js";

export const groupings = ["course", "trainer", "tier"] as const;
export type Grouping = (typeof groupings)[number];

export interface ReportRow {
  key: string;
  label: string;
  requests: number;
  responses: number;
  /** Whole per cent of requests answered; null with no requests. */
  responseRate: number | null;
  meanRating: number | null;
  meanConfidenceBefore: number | null;
  meanConfidenceAfter: number | null;
  confidenceChange: number | null;
  learnerFollowUps: number;
  learnerImpact: number | null;
  managerFollowUps: number;
  managerImpact: number | null;
}

interface Raw {
  key: string;
  label: string;
  requests: string;
  responses: string;
  rating: string | null;
  before: string | null;
  after: string | null;
  change: string | null;
  learner_n: string;
  learner_impact: string | null;
  manager_n: string;
  manager_impact: string | null;
}

const round1 = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
const shown = (n: number, v: string | null) => (n < SMALL_NUMBER ? null : round1(v));

function groupKey(by: Grouping): {
  key: RawBuilder<string>;
  label: RawBuilder<string>;
  from: RawBuilder<unknown>;
} {
  switch (by) {
    case "course":
      return { key: sql`c.id::text`, label: sql`c.title`, from: sql`` };
    case "tier":
      return { key: sql`c.tier`, label: sql`c.tier`, from: sql`` };
    case "trainer":
      return {
        key: sql`tr.name`,
        label: sql`tr.name`,
        from: sql`cross join lateral unnest(case when cardinality(s.trainers) = 0 then array['']::text[]
          else s.trainers end) as tr(name)`,
      };
  }
}

export async function evaluationReport(
  db: TenantDb,
  by: Grouping,
  period: { from: IsoDate; to: IsoDate },
  learnerInScope: RawBuilder<SqlBool>,
): Promise<ReportRow[]> {
  const g = groupKey(by);
  const result = await sql<Raw>`
    select ${g.key} as key, min(${g.label}) as label,
      count(*) as requests, count(e.answered_at) as responses,
      avg(e.rating) as rating, avg(e.confidence_before) as before, avg(e.confidence_after) as after,
      avg(e.confidence_after - e.confidence_before) as change,
      count(fl.impact) as learner_n, avg(fl.impact) as learner_impact,
      count(fm.impact) as manager_n, avg(fm.impact) as manager_impact
    from learning_evaluations e
    join learning_courses c on c.id = e.course_id
    join learning_sessions s on s.id = e.session_id
    ${g.from}
    left join learning_evaluation_follow_ups fl on fl.evaluation_id = e.id and fl.respondent = 'learner'
    left join learning_evaluation_follow_ups fm on fm.evaluation_id = e.id and fm.respondent = 'manager'
    where e.attended_on between ${period.from} and ${period.to}
      and e.person_id in (select people.id from people where ${learnerInScope})
    group by 1
    order by 2, 1`.execute(db);
  return result.rows.map((r) => {
    const requests = Number(r.requests);
    const responses = Number(r.responses);
    const learnerFollowUps = Number(r.learner_n);
    const managerFollowUps = Number(r.manager_n);
    return {
      key: r.key,
      label: r.label,
      requests,
      responses,
      responseRate: requests === 0 ? null : Math.round((responses / requests) * 100),
      meanRating: shown(responses, r.rating),
      meanConfidenceBefore: shown(responses, r.before),
      meanConfidenceAfter: shown(responses, r.after),
      confidenceChange: shown(responses, r.change),
      learnerFollowUps,
      learnerImpact: shown(learnerFollowUps, r.learner_impact),
      managerFollowUps,
      managerImpact: shown(managerFollowUps, r.manager_impact),
    };
  });
}

/** The learners' own words about one course, newest first, without names. */
export async function courseComments(
  db: TenantDb,
  courseId: string,
  period: { from: IsoDate; to: IsoDate },
  learnerInScope: RawBuilder<SqlBool>,
) {
  return db
    .selectFrom("learning_evaluations as e")
    .select([
      sql<string>`e.attended_on::text`.as("attendedOn"),
      "e.rating",
      "e.will_do_differently as willDoDifferently",
      "e.comments",
    ])
    .select((eb) =>
      eb
        .selectFrom("learning_evaluation_follow_ups as f")
        .select("f.example")
        .whereRef("f.evaluation_id", "=", "e.id")
        .where("f.respondent", "=", "learner")
        .where("f.answered_at", "is not", null)
        .as("impactExample"),
    )
    .where("e.course_id", "=", courseId)
    .where("e.answered_at", "is not", null)
    .where("e.attended_on", ">=", period.from)
    .where("e.attended_on", "<=", period.to)
    .where(sql<SqlBool>`e.person_id in (select people.id from people where ${learnerInScope})`)
    .orderBy("e.attended_on", "desc")
    .orderBy("e.answered_at", "desc")
    .execute();
}
