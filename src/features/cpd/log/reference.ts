import type { IsoDate } from "../../../platform/dates.js";
import { type CpdCategory, type CpdKind, cpdCategories, cpdKinds } from "../schema.js";

export { cpdCategories, cpdKinds };

export const kindNames: Record<CpdKind, string> = {
  course: "Course",
  reading_research: "Reading or research",
  coaching_mentoring: "Coaching or mentoring",
  reflective_supervision: "Reflective supervision",
  shadowing_observation: "Shadowing or observation",
  practice_forum: "Practice forum",
  lunch_and_learn: "Lunch and learn",
  learning_circle: "Learning circle",
  panel_membership: "Panel membership",
  teaching_others: "Teaching or supporting others",
  conference_webinar: "Conference or webinar",
};

/** 70:20:10, in that order: on the job, through others, formal. */
export const categoryNames: Record<CpdCategory, string> = {
  experience: "Learning on the job (70)",
  others: "Learning through others (20)",
  formal: "Formal learning (10)",
};
export const categoryShortNames: Record<CpdCategory, string> = {
  experience: "On the job",
  others: "Through others",
  formal: "Formal",
};

/** The category a kind of learning usually falls in (the person may choose another). */
export const defaultCategory: Record<CpdKind, CpdCategory> = {
  course: "formal",
  conference_webinar: "formal",
  coaching_mentoring: "others",
  reflective_supervision: "others",
  shadowing_observation: "others",
  practice_forum: "others",
  lunch_and_learn: "others",
  learning_circle: "others",
  panel_membership: "experience",
  teaching_others: "experience",
  reading_research: "experience",
};

/** Social Work England's six professional standards, as the register words them. */
export const sweStandards: Record<number, string> = {
  1: "Promote the rights, strengths and wellbeing of people, families and communities",
  2: "Establish and maintain the trust and confidence of people",
  3: "Be accountable for the quality of my practice and the decisions I make",
  4: "Maintain my continuing professional development",
  5: "Act safely, respectfully and with professional integrity",
  6: "Promote ethical practice and report concerns",
};
export const sweStandardNumbers = [1, 2, 3, 4, 5, 6] as const;

/**
 * The DfE Knowledge and Skills Statements (post-qualifying standards): child and family
 * practitioner (cf) and practice supervisor (ps). Wording to check against the published text.
 */
export const kssStatements: Record<string, string> = {
  cf1: "Relationships and effective direct work",
  cf2: "Communication",
  cf3: "Child development",
  cf4: "Adult mental ill health, substance misuse, domestic abuse, physical ill health and disability",
  cf5: "Abuse and neglect of children",
  cf6: "Child and family assessment",
  cf7: "Analysis, decision-making, planning and review",
  cf8: "The law and the family and youth justice systems",
  cf9: "The role of supervision",
  cf10: "Organisational context",
  ps1: "Promote and govern excellent practice",
  ps2: "Developing excellent practitioners",
  ps3: "Shaping and influencing the practice system",
  ps4: "Effective use of power and authority",
  ps5: "Confident analysis and decision-making",
  ps6: "Purposeful and effective social work",
  ps7: "Emotionally intelligent practice supervision",
  ps8: "Performance management and improvement",
};
export const kssGroupNames = { cf: "Child and family practitioner", ps: "Practice supervisor" } as const;

/**
 * A Social Work England registration year, named by the year it ends: year 2026 runs from
 * 1 December 2025 to 30 November 2026.
 */
export interface RegistrationYear {
  year: number;
  from: IsoDate;
  to: IsoDate;
  label: string;
}

export function registrationYear(year: number): RegistrationYear {
  return {
    year,
    from: `${year - 1}-12-01`,
    to: `${year}-11-30`,
    label: `1 December ${year - 1} to 30 November ${year}`,
  };
}

/** The registration year a date falls in. */
export function registrationYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === "12" ? year + 1 : year;
}

/** Whether a date falls in a registration year. */
export const inYear = (date: IsoDate, y: RegistrationYear) => date >= y.from && date <= y.to;
