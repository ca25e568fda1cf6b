import type { IsoDate } from "../../../platform/dates.js";
import { addMonths } from "../compliance/status.js";
import type { NeedPriority, NeedStatus, StoredNeedSource } from "./schema.js";

/**
 * The plan year is the council's financial year, 1 April to 31 March, named by both its years
 * ("2027 to 2028") and held as the year it starts in (2027).
 */
export function planYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

export const planYearName = (year: number): string => `${year} to ${year + 1}`;
export const planYearStart = (year: number): IsoDate => `${year}-04-01`;
export const planYearEnd = (year: number): IsoDate => `${year + 1}-03-31`;

/**
 * The year needs are recorded for by default: from 1 October the coming plan year (the offer
 * being planned), from 1 April to 30 September the plan year under way.
 */
export function planningYear(today: IsoDate): number {
  return planYearOf(addMonths(today, 6));
}

export const priorities = ["essential", "important", "desirable"] as const satisfies readonly NeedPriority[];
export const priorityNames: Record<NeedPriority, string> = {
  essential: "Essential",
  important: "Important",
  desirable: "Desirable",
};

export type NeedSource = StoredNeedSource | "interest";
export const sourceNames: Record<NeedSource, string> = {
  manager: "Recorded with their manager",
  appraisal: "Appraisal",
  quality_finding: "Quality finding",
  interest: "Registered interest",
};

export const statuses = ["open", "met", "withdrawn"] as const satisfies readonly NeedStatus[];
export const statusNames: Record<NeedStatus, string> = {
  open: "Open",
  met: "Met",
  withdrawn: "Withdrawn",
};
export const statusColours: Record<NeedStatus, string> = { open: "blue", met: "green", withdrawn: "grey" };

/** Themes of described needs (not a catalogue course), so they can be counted together. */
export const themes = {
  practice_model: "Practice model",
  assessment_analysis: "Assessment and analysis",
  direct_work: "Direct work with children and families",
  recording_writing: "Recording and report writing",
  law_court: "Law and court skills",
  safeguarding_risk: "Safeguarding and risk",
  specialist_practice: "Specialist practice",
  leadership_supervision: "Leadership and supervision",
  wellbeing_resilience: "Wellbeing and resilience",
  digital_systems: "Digital skills and systems",
  equality_inclusion: "Equality, diversity and inclusion",
  other: "Other",
} as const;
export type Theme = keyof typeof themes;

export const themeName = (key: string | null): string => (key === null ? "" : (themes[key as Theme] ?? key));

const fold = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const themeLookup = new Map<string, Theme>();
for (const [key, name] of Object.entries(themes) as Array<[Theme, string]>) {
  themeLookup.set(fold(key), key);
  themeLookup.set(fold(name), key);
}
/** A theme by its key or its name, in any case ("law_court", "Law and court skills"). */
export function parseTheme(value: string): Theme | null {
  return themeLookup.get(fold(value)) ?? null;
}

/** Teams and services with fewer people than this show "fewer than 5" instead of their counts. */
export const SMALL_NUMBER = 5;
