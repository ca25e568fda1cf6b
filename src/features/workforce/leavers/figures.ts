import type { IsoDate } from "../../../platform/dates.js";
import { type Cell, suppressCount, suppressTable } from "../../../platform/privacy/suppression.js";
import { exitThemeNames } from "../../people/pages/shared.js";
import { leavingDestinations, leavingReasons } from "../../people/reference/dfe-codes.js";
import { exitThemes } from "../../people/reference/domain.js";
import { censusYearDates, oneDecimal } from "../measures/formulas.js";
import { stayOutcomes } from "../schema.js";
import {
  type AssignmentFact,
  type CountFilter,
  censusMonths,
  inPost,
  type LeavingFact,
  leavers,
  type Movement,
  matches,
  starters,
  sumFte,
} from "./counting.js";

export interface PeriodFigures {
  label: string;
  from: IsoDate;
  to: IsoDate;
  startersHeadcount: number;
  startersFte: number;
  leaversHeadcount: number;
  leaversFte: number;
}

export interface CountRow {
  key: string;
  label: string;
  cell: Cell;
}

export interface Turnover {
  /** Percent to one decimal place; null when nobody is in post. */
  value: number | null;
  formula: string;
  leaversFte: number;
  inPostFte: number;
  inPostOn: IsoDate;
  yearOver: boolean;
}

export interface StaySummary {
  held: Cell;
  outcomes: CountRow[];
  laterLeft: Cell;
}

export interface StartersAndLeavers {
  year: number;
  from: IsoDate;
  to: IsoDate;
  months: PeriodFigures[];
  years: PeriodFigures[];
  turnover: Turnover;
  reasons: { rows: CountRow[]; total: Cell };
  destinations: { rows: CountRow[]; total: Cell };
  themes: { rows: CountRow[]; leaversWithThemes: Cell };
  roles: { role: string; starters: Cell; leavers: Cell }[];
  roleTotals: { starters: Cell; leavers: Cell };
  stay: StaySummary;
}

export const stayOutcomeNames: Record<(typeof stayOutcomes)[number], string> = {
  staying: "Staying",
  undecided: "Undecided",
  leaving: "Leaving",
  left: "Left",
};

export const TURNOVER_FORMULA =
  "Leavers in the year (FTE) ÷ FTE in post at the end of the year (or today, if the year is not over) × 100";

function period(
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
  p: { label: string; from: IsoDate; to: IsoDate },
  filter: CountFilter,
): PeriodFigures {
  const st = starters(assignments, leavings, p.from, p.to, filter);
  const lv = leavers(assignments, leavings, p.from, p.to, filter);
  return {
    ...p,
    startersHeadcount: st.length,
    startersFte: sumFte(st),
    leaversHeadcount: lv.length,
    leaversFte: sumFte(lv),
  };
}

/** Counts by category, small ones hidden, with a suppressed total (a single-column table). */
function countTable(entries: { key: string; label: string; n: number }[]) {
  const table = suppressTable(entries.map((e) => [e.n]));
  return {
    rows: entries.map((e, i) => ({
      key: e.key,
      label: e.label,
      cell: table.cells[i]?.[0] as Cell,
    })),
    total: table.grandTotal,
  };
}

/**
 * Everything the starters and leavers page shows for a census year, the chosen units and staff
 * filter, from the authority's assignments and leavings; `today` decides the turnover's in-post
 * date while the year is not over.
 */
export function startersAndLeavers(input: {
  assignments: readonly AssignmentFact[];
  leavings: readonly LeavingFact[];
  conversations: readonly { personId: string; heldOn: IsoDate; outcome: string }[];
  year: number;
  filter: CountFilter;
  today: IsoDate;
}): StartersAndLeavers {
  const { assignments, leavings, year, filter, today } = input;
  const { from, referenceDate: to } = censusYearDates(year);
  const months = censusMonths(year).map((m) => period(assignments, leavings, m, filter));
  const years = [4, 3, 2, 1, 0].map((back) => {
    const y = year - back;
    const d = censusYearDates(y);
    return period(assignments, leavings, { label: String(y), from: d.from, to: d.referenceDate }, filter);
  });
  const yearStarters = starters(assignments, leavings, from, to, filter);
  const yearLeavers = leavers(assignments, leavings, from, to, filter);
  const yearOver = today >= to;
  const inPostOn = yearOver ? to : today;
  const inPostFte = inPost(assignments, leavings, inPostOn, filter).fte;
  const leaversFte = sumFte(yearLeavers);
  const turnover: Turnover = {
    value: inPostFte > 0 ? oneDecimal((leaversFte / inPostFte) * 100) : null,
    formula: TURNOVER_FORMULA,
    leaversFte,
    inPostFte,
    inPostOn,
    yearOver,
  };

  const left = yearLeavers.map((m) => m.leaving as LeavingFact);
  const countBy = <K extends string | number>(codes: Record<K, string>, pick: (l: LeavingFact) => K | null) =>
    Object.entries(codes).map(([key, label]) => ({
      key,
      label: label as string,
      n: left.filter((l) => String(pick(l)) === key).length,
    }));
  const reasons = countTable(countBy(leavingReasons, (l) => l.reasonCode as keyof typeof leavingReasons));
  const destinations = countTable([
    ...countBy(leavingDestinations, (l) => l.destinationCode as keyof typeof leavingDestinations | null),
    { key: "none", label: "Not recorded", n: left.filter((l) => l.destinationCode === null).length },
  ]);
  const themes = {
    rows: exitThemes.map((t) => ({
      key: t,
      label: exitThemeNames[t],
      cell: suppressCount(left.filter((l) => l.exitThemes.includes(t)).length),
    })),
    leaversWithThemes: suppressCount(left.filter((l) => l.exitThemes.length > 0).length),
  };

  const roleNames = [...new Set([...yearStarters, ...yearLeavers].map((m) => m.jobRoleName))].sort();
  const count = (list: Movement[], role: string) => list.filter((m) => m.jobRoleName === role).length;
  const roleTable = suppressTable(roleNames.map((r) => [count(yearStarters, r), count(yearLeavers, r)]));

  return {
    year,
    from,
    to,
    months,
    years,
    turnover,
    reasons,
    destinations,
    themes,
    roles: roleNames.map((role, i) => ({
      role,
      starters: roleTable.cells[i]?.[0] as Cell,
      leavers: roleTable.cells[i]?.[1] as Cell,
    })),
    roleTotals: {
      starters: roleTable.columnTotals[0] ?? suppressCount(0),
      leavers: roleTable.columnTotals[1] ?? suppressCount(0),
    },
    stay: staySummary(input.conversations, assignments, leavings, from, to, filter),
  };
}

/** Conversations held in the year with people in the units, their outcomes, and how many later left. */
function staySummary(
  conversations: readonly { personId: string; heldOn: IsoDate; outcome: string }[],
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
  from: IsoDate,
  to: IsoDate,
  filter: CountFilter,
): StaySummary {
  const placed = new Map<string, AssignmentFact[]>();
  for (const a of assignments) placed.set(a.personId, [...(placed.get(a.personId) ?? []), a]);
  const held = conversations.filter(
    (c) =>
      c.heldOn >= from &&
      c.heldOn <= to &&
      (placed.get(c.personId) ?? []).some(
        (a) => a.validFrom <= c.heldOn && (a.validTo === null || a.validTo >= c.heldOn) && matches(a, filter),
      ),
  );
  const table = countTable(
    stayOutcomes.map((o) => ({
      key: o,
      label: stayOutcomeNames[o],
      n: held.filter((c) => c.outcome === o).length,
    })),
  );
  const people = new Set(held.map((c) => c.personId));
  const laterLeft = [...people].filter((p) =>
    leavings.some((l) => l.personId === p && held.some((c) => c.personId === p && l.leftOn >= c.heldOn)),
  ).length;
  return {
    held: table.total,
    outcomes: table.rows,
    laterLeft: suppressCount(laterLeft),
  };
}
