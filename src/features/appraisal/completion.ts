import type { IsoDate } from "../../platform/dates.js";
import { type Cell, isSmall, suppressCount, THRESHOLD } from "../../platform/privacy/suppression.js";

export interface OrgUnit {
  orgUnitId: string;
  parentId: string | null;
  name: string;
  unitType: string;
}

/** What completion counts of one person: their unit and how far their appraisal got. */
export interface CohortPerson {
  orgUnitId: string;
  appraisalId: string | null;
  objectivesAgreedOn: IsoDate | null;
  midYearOn: IsoDate | null;
  completedOn: IsoDate | null;
}

export interface CompletionCounts {
  people: number;
  started: number;
  objectivesAgreed: number;
  midYearDone: number;
  completed: number;
}

/**
 * A row of the completion table. `cells` are the counts as shown: 1 to 4 hidden ("fewer than 5"),
 * and every count hidden when fewer than 5 people are in the row. `rate` (a whole percentage) is
 * shown only when the completed count is.
 */
export interface CompletionRow {
  /** The unit (null: the total, or people in no service). */
  orgUnitId: string | null;
  name: string;
  /** Whether the unit has units below it to drill into. */
  drillable: boolean;
  counts: CompletionCounts;
  cells: Record<keyof CompletionCounts, Cell>;
  rate: number | null;
  suppressed: boolean;
}

const countKeys = ["people", "started", "objectivesAgreed", "midYearDone", "completed"] as const;

function countsOf(people: CohortPerson[], asAt: IsoDate): CompletionCounts {
  const by = (d: IsoDate | null) => d !== null && d <= asAt;
  return {
    people: people.length,
    started: people.filter((p) => p.appraisalId !== null).length,
    objectivesAgreed: people.filter((p) => by(p.objectivesAgreedOn)).length,
    midYearDone: people.filter((p) => by(p.midYearOn)).length,
    completed: people.filter((p) => by(p.completedOn)).length,
  };
}

export function completionRow(
  orgUnitId: string | null,
  name: string,
  drillable: boolean,
  counts: CompletionCounts,
): CompletionRow {
  const suppressed = counts.people > 0 && counts.people < THRESHOLD;
  const hidden: Cell = { value: null, suppressed: true, reason: "small" };
  const cells = Object.fromEntries(
    countKeys.map((k) => [k, suppressed && counts[k] > 0 ? hidden : suppressCount(counts[k])]),
  ) as Record<keyof CompletionCounts, Cell>;
  const rate =
    counts.people === 0 || suppressed || isSmall(counts.completed)
      ? null
      : Math.round((counts.completed / counts.people) * 100);
  return { orgUnitId, name, drillable, counts, cells, rate, suppressed };
}

/**
 * Completion by unit: with no unit, by service (each person in the nearest service at or above
 * their team; "Not in a service" for the rest); below a unit, by each unit directly under it, and
 * the people placed in the unit itself. Units with no one are left out. The total is the rows' sum.
 */
export function completionRows(
  people: CohortPerson[],
  units: OrgUnit[],
  unitId: string | null,
  asAt: IsoDate,
): { rows: CompletionRow[]; total: CompletionRow } {
  const byId = new Map(units.map((u) => [u.orgUnitId, u]));
  const hasChildren = new Set(units.map((u) => u.parentId).filter((p): p is string => p !== null));
  const chain = (id: string): OrgUnit[] => {
    const out: OrgUnit[] = [];
    for (let u = byId.get(id); u && out.length < 30; u = u.parentId ? byId.get(u.parentId) : undefined)
      out.push(u);
    return out;
  };
  const groups = new Map<string | null, CohortPerson[]>();
  const add = (key: string | null, p: CohortPerson) => groups.set(key, [...(groups.get(key) ?? []), p]);
  const counted: CohortPerson[] = [];
  for (const p of people) {
    const up = chain(p.orgUnitId);
    if (unitId === null) {
      add(up.find((u) => u.unitType === "service")?.orgUnitId ?? null, p);
      counted.push(p);
      continue;
    }
    const at = up.findIndex((u) => u.orgUnitId === unitId);
    if (at < 0) continue;
    // The unit directly below the chosen one (or the chosen one itself for people placed there).
    add(at === 0 ? unitId : (up[at - 1]?.orgUnitId ?? unitId), p);
    counted.push(p);
  }
  const rows = [...groups]
    .map(([key, members]) => {
      const unit = key ? byId.get(key) : undefined;
      const name =
        key === null
          ? "Not in a service"
          : key === unitId
            ? `${unit?.name ?? "This unit"} (not in a unit below)`
            : (unit?.name ?? "A former unit");
      return completionRow(
        key,
        name,
        key !== null && key !== unitId && hasChildren.has(key),
        countsOf(members, asAt),
      );
    })
    .sort((a, b) =>
      a.orgUnitId === null || a.orgUnitId === unitId
        ? 1
        : b.orgUnitId === null || b.orgUnitId === unitId
          ? -1
          : a.name.localeCompare(b.name),
    );
  const total = completionRow(null, "Total", false, countsOf(counted, asAt));
  return { rows, total };
}
