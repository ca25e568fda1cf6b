/**
 * The anonymous end-of-programme survey. A daily job invites each NQSW whose programme ended
 * (passed or failed) and who has no invitation yet: a row in early_career_survey_invitations and
 * an email, in one transaction. The NQSW answers once; the answer is stored with only the
 * programme and the programme year it ended in, never the person or a time, in a table the audit
 * trail does not cover, and the invitation is marked answered in the same transaction. The report
 * shows a programme year only when at least 5 answered.
 */
import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import { THRESHOLD } from "../../../platform/privacy/suppression.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";

export const SURVEY_JOB = "early-career-survey-invitations";
/** An outcome older than this is not invited (so turning the survey on does not write to past cohorts). */
export const INVITE_WITHIN_DAYS = 90;

export const ratings = [1, 2, 3, 4, 5] as const;
export const ratingNames: Record<number, string> = {
  1: "1 (very poor)",
  2: "2 (poor)",
  3: "3 (fair)",
  4: "4 (good)",
  5: "5 (very good)",
};
export const supportLevels = ["very_well", "well", "not_well", "not_at_all"] as const;
export const supportNames: Record<(typeof supportLevels)[number], string> = {
  very_well: "Very well",
  well: "Well",
  not_well: "Not very well",
  not_at_all: "Not at all",
};
export const keptLevels = ["yes", "partly", "no"] as const;
export const keptNames: Record<(typeof keptLevels)[number], string> = {
  yes: "Yes",
  partly: "Partly",
  no: "No",
};
export const recommendLevels = ["yes", "no", "not_sure"] as const;
export const recommendNames: Record<(typeof recommendLevels)[number], string> = {
  yes: "Yes",
  no: "No",
  not_sure: "Not sure",
};

export interface SurveyAnswers {
  overall: number;
  assessor_support: (typeof supportLevels)[number];
  protection_kept: (typeof keptLevels)[number];
  recommend: (typeof recommendLevels)[number];
  worked_well: string | null;
  should_change: string | null;
}

/** The programme year (1 September to 31 August) a date falls in: "2026 to 2027". */
export function programmeYearOf(date: IsoDate): string {
  const y = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start} to ${start + 1}`;
}

function invitationMessage(programme: string) {
  return {
    subject: `Tell us about your ${programme}`,
    body: [
      `You have finished your ${programme}. Please tell us how it went: it takes about 5 minutes.`,
      "Your answers are anonymous. We keep only the programme and the year it ended with them, never your name, and we report them only when at least 5 people have answered.",
      "Answer the survey in Workforce Academy: sign in and go to Early career, then End of programme survey (/early-career/survey).",
    ].join("\n\n"),
  };
}

/** Invites, in one council, each NQSW whose programme recently ended and who has no invitation. */
export async function sendSurveyInvitations(
  data: DataAccess,
  outbox: Outbox,
  ctx: TenantContext,
  today: IsoDate,
): Promise<number> {
  return data.run(ctx, async (db) => {
    const due = await db
      .selectFrom("early_career_enrolments as e")
      .innerJoin("people as p", "p.id", "e.person_id")
      .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
      .innerJoin("early_career_programmes as g", "g.id", "v.programme_id")
      .leftJoin("early_career_survey_invitations as i", "i.enrolment_id", "e.id")
      .select(["e.id", "p.email", "g.name"])
      .where("e.status", "in", ["passed", "failed"])
      .where("e.outcome_on", ">=", addDays(today, -INVITE_WITHIN_DAYS))
      .where("e.outcome_on", "<=", today)
      .where("i.id", "is", null)
      .orderBy("e.outcome_on")
      .execute();
    let sent = 0;
    for (const e of due) {
      const made = await db
        .insertInto("early_career_survey_invitations")
        .values({ enrolment_id: e.id, invited_on: today })
        .onConflict((oc) => oc.column("enrolment_id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!made || !e.email) continue;
      await outbox.enqueue(db, {
        to: e.email,
        ...invitationMessage(e.name),
        reference: `early-career-survey:${made.id}`,
      });
      sent += 1;
    }
    return sent;
  });
}

/** The daily job: every council in turn. */
export async function sendAllSurveyInvitations(data: DataAccess, outbox: Outbox, today: IsoDate) {
  const tenants = await data.system.selectFrom("tenants").select("id").execute();
  let sent = 0;
  for (const t of tenants) {
    sent += await sendSurveyInvitations(
      data,
      outbox,
      { tenantId: t.id, actor: { id: `job:${SURVEY_JOB}` } },
      today,
    );
  }
  return sent;
}

/** Where a person stands with the survey. */
export type SurveyState =
  | { state: "open"; programme: string }
  | { state: "answered"; programme: string }
  | { state: "none" };

/** One programme year's answers, or only its count when fewer than 5 answered. */
export interface SurveyReportGroup {
  programmeId: string;
  programme: string;
  year: string;
  responses: number;
  shown: boolean;
  overall: Array<{ value: number; text: string; count: number }>;
  assessorSupport: Array<{ value: string; text: string; count: number }>;
  protectionKept: Array<{ value: string; text: string; count: number }>;
  recommend: Array<{ value: string; text: string; count: number }>;
  averageOverall: number | null;
  workedWell: string[];
  shouldChange: string[];
}

export class SurveyRefused extends Error {}

export class SurveyService {
  constructor(private readonly data: DataAccess) {}

  /** The person's most recent invitation: open, answered, or none. */
  async stateFor(ctx: TenantContext, personId: string): Promise<SurveyState> {
    return this.data.run(ctx, async (db) => {
      const rows = await db
        .selectFrom("early_career_survey_invitations as i")
        .innerJoin("early_career_enrolments as e", "e.id", "i.enrolment_id")
        .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
        .innerJoin("early_career_programmes as g", "g.id", "v.programme_id")
        .select(["i.responded", "g.name"])
        .where("e.person_id", "=", personId)
        .orderBy("i.invited_on", "desc")
        .execute();
      const open = rows.find((r) => !r.responded);
      if (open) return { state: "open", programme: open.name };
      const done = rows[0];
      return done ? { state: "answered", programme: done.name } : { state: "none" };
    });
  }

  /**
   * Stores an answer to the person's open invitation: the response holds the programme, its year
   * and the answers only; the invitation is marked answered in the same transaction. Throws
   * SurveyRefused when there is no open invitation (none, or already answered).
   */
  async respond(ctx: TenantContext, personId: string, answers: SurveyAnswers): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const open = await db
        .selectFrom("early_career_survey_invitations as i")
        .innerJoin("early_career_enrolments as e", "e.id", "i.enrolment_id")
        .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
        .select(["i.id", "v.programme_id", "e.outcome_on", "e.end_on"])
        .where("e.person_id", "=", personId)
        .where("i.responded", "=", false)
        .orderBy("i.invited_on", "desc")
        .executeTakeFirst();
      if (!open) throw new SurveyRefused("No open survey invitation");
      const marked = await db
        .updateTable("early_career_survey_invitations")
        .set({ responded: true })
        .where("id", "=", open.id)
        .where("responded", "=", false)
        .returning("id")
        .executeTakeFirst();
      if (!marked) throw new SurveyRefused("Already answered");
      await db
        .insertInto("early_career_survey_responses")
        .values({
          programme_id: open.programme_id,
          programme_year: programmeYearOf(open.outcome_on ?? open.end_on),
          answers: JSON.stringify(answers),
        })
        .execute();
    });
  }

  /** Every programme year's answers, newest year first; only counts where fewer than 5 answered. */
  async report(ctx: TenantContext): Promise<SurveyReportGroup[]> {
    const rows = await this.data.run(ctx, (db) =>
      db
        .selectFrom("early_career_survey_responses as r")
        .innerJoin("early_career_programmes as g", "g.id", "r.programme_id")
        .select(["r.programme_id", "r.programme_year", "r.answers", "g.name"])
        .execute(),
    );
    const groups = new Map<
      string,
      { programmeId: string; programme: string; year: string; answers: SurveyAnswers[] }
    >();
    for (const r of rows) {
      const key = `${r.programme_id}|${r.programme_year}`;
      const g = groups.get(key) ?? {
        programmeId: r.programme_id,
        programme: r.name,
        year: r.programme_year,
        answers: [],
      };
      g.answers.push(r.answers as unknown as SurveyAnswers);
      groups.set(key, g);
    }
    return [...groups.values()]
      .sort((a, b) => b.year.localeCompare(a.year) || a.programme.localeCompare(b.programme))
      .map((g) => summarise(g.programmeId, g.programme, g.year, g.answers));
  }
}

function summarise(
  programmeId: string,
  programme: string,
  year: string,
  answers: SurveyAnswers[],
): SurveyReportGroup {
  const shown = answers.length >= THRESHOLD;
  const tally = <V extends string | number>(
    values: readonly V[],
    names: Record<V, string>,
    pick: (a: SurveyAnswers) => unknown,
  ) =>
    shown
      ? values.map((v) => ({ value: v, text: names[v], count: answers.filter((a) => pick(a) === v).length }))
      : [];
  // Comments in alphabetical order, so their order says nothing about who wrote them or when.
  const comments = (pick: (a: SurveyAnswers) => string | null) =>
    shown
      ? answers
          .map(pick)
          .filter((c): c is string => !!c && c.trim() !== "")
          .sort((a, b) => a.localeCompare(b))
      : [];
  const total = answers.reduce((s, a) => s + Number(a.overall || 0), 0);
  return {
    programmeId,
    programme,
    year,
    responses: answers.length,
    shown,
    overall: tally(ratings, ratingNames as Record<(typeof ratings)[number], string>, (a) =>
      Number(a.overall),
    ),
    assessorSupport: tally(supportLevels, supportNames, (a) => a.assessor_support),
    protectionKept: tally(keptLevels, keptNames, (a) => a.protection_kept),
    recommend: tally(recommendLevels, recommendNames, (a) => a.recommend),
    averageOverall: shown ? Math.round((total / answers.length) * 10) / 10 : null,
    workedWell: comments((a) => a.worked_well),
    shouldChange: comments((a) => a.should_change),
  };
}
