/**
 * The caseload rules, pure (no database, no clock). The SQL of caseloads.repository.ts follows the
 * same semantics for whole-council figures; the tests pin both on hand-worked cases.
 *
 * Decided semantics:
 * - A worker's CAP is the individual cap in force that fits them best: one for their career level
 *   first, then one for their job role, then one for everyone (neither set). A cap is a number of
 *   children, or a share of their team's average target rounded down to whole children like the
 *   early career protection (90% of 16 = 14.4 -> 14; 50% of 16 = 8). No cap (or a share with no
 *   team target): null, never over.
 * - The WEIGHTED LOAD counts each child in a weighted category as that category's weight and every
 *   other child as 1; with no categories (or no weights in force) it is the number of children.
 * - A TEAM'S AVERAGE caseload as at a snapshot date = the children held by its case holders /
 *   their FTE, from the assignments in force on that date (agency included). A case holder holds
 *   at least one child. A worker with two assignments at once counts in each team: their children
 *   are split between the assignments in proportion to each one's FTE, and each assignment's FTE
 *   counts in its own team. Summed over units (a service, the authority) the shares add back to
 *   the worker's children and the FTEs to their total FTE, so they count once.
 * - The DfE AVERAGE CASELOAD = cases held by registered social workers holding at least one case /
 *   their FTE (agency included), as at the date. Registered: a Social Work England number, or a job
 *   role marked social work qualified. Rounded to one decimal place only when shown.
 */

export interface CapTarget {
  jobRoleId: string | null;
  careerLevel: string | null;
  children: number | null;
  percentOfTeam: number | null;
}

export interface WorkerRole {
  jobRoleId: string | null;
  careerLevel: string | null;
}

/** The cap target that applies to a worker: career level, then job role, then everyone. */
export function capTargetFor(targets: readonly CapTarget[], worker: WorkerRole): CapTarget | null {
  const fits = (t: CapTarget) =>
    (t.careerLevel === null || t.careerLevel === worker.careerLevel) &&
    (t.jobRoleId === null || t.jobRoleId === worker.jobRoleId);
  const rank = (t: CapTarget) => (t.careerLevel !== null ? 0 : t.jobRoleId !== null ? 1 : 2);
  const fitting = targets.filter(fits).sort((a, b) => rank(a) - rank(b));
  return fitting[0] ?? null;
}

/** A share of a team target in whole children, rounded down (as early career's caseloadCap). */
export function shareOfTarget(percent: number, teamTarget: number): number {
  // Rounded to 2 places first so that 87.5% of 16 (14.000000000000002) stays 14.
  return Math.floor(Math.round(percent * teamTarget) / 100);
}

/** A worker's cap in children, or null when none applies. */
export function individualCap(
  targets: readonly CapTarget[],
  worker: WorkerRole,
  teamTarget: number | null,
): number | null {
  const t = capTargetFor(targets, worker);
  if (!t) return null;
  if (t.children !== null) return t.children;
  if (t.percentOfTeam === null || teamTarget === null) return null;
  return shareOfTarget(t.percentOfTeam, teamTarget);
}

export function overCap(children: number, cap: number | null): boolean {
  return cap !== null && children > cap;
}

/** Weight of each category in force, e.g. { child_protection: 1.5 }. */
export type Weights = Record<string, number>;

/**
 * The weighted load: weighted categories count their weight per child, everything else 1. Null
 * when the row has no categories (the load is then just the number of children).
 */
export function weightedLoad(
  children: number,
  categories: Record<string, number> | null,
  weights: Weights,
): number | null {
  if (!categories || Object.keys(categories).length === 0) return null;
  let weighted = 0;
  let counted = 0;
  for (const [category, n] of Object.entries(categories)) {
    const w = weights[category];
    if (w === undefined) continue;
    weighted += n * w;
    counted += n;
  }
  const rest = Math.max(0, children - counted);
  return Math.round((weighted + rest) * 100) / 100;
}

/** A worker's caseload on a date and the assignments they hold then. */
export interface WorkerCaseload {
  personId: string;
  children: number;
  assignments: { orgUnitId: string; fte: number }[];
}

export interface UnitCaseload {
  /** Children held (shares of workers with several assignments). */
  children: number;
  /** FTE of case holders. */
  fte: number;
}

/**
 * Each unit's children and case holders' FTE (see the header: a worker with two assignments is
 * split in proportion to FTE). Workers holding no children, or with no FTE, are left out.
 */
export function unitCaseloads(workers: readonly WorkerCaseload[]): Map<string, UnitCaseload> {
  const out = new Map<string, UnitCaseload>();
  for (const w of workers) {
    if (w.children <= 0) continue;
    const total = w.assignments.reduce((s, a) => s + a.fte, 0);
    if (total <= 0) continue;
    for (const a of w.assignments) {
      const u = out.get(a.orgUnitId) ?? { children: 0, fte: 0 };
      u.children += (w.children * a.fte) / total;
      u.fte += a.fte;
      out.set(a.orgUnitId, u);
    }
  }
  return out;
}

/** Children / FTE, or null with no FTE. Not rounded (round at display). */
export function averageCaseload(figures: UnitCaseload | undefined): number | null {
  if (!figures || figures.fte <= 0) return null;
  return figures.children / figures.fte;
}

/** Adds unit figures (a service's teams, the authority). */
export function sumCaseloads(parts: Iterable<UnitCaseload | undefined>): UnitCaseload {
  const sum = { children: 0, fte: 0 };
  for (const p of parts) {
    if (!p) continue;
    sum.children += p.children;
    sum.fte += p.fte;
  }
  return sum;
}

export interface DfeWorker {
  children: number;
  fte: number;
  registered: boolean;
}

/** The DfE's average caseload and its inputs: each worker once, with their total FTE. */
export function dfeAverageCaseload(workers: readonly DfeWorker[]): {
  cases: number;
  fte: number;
  holders: number;
  average: number | null;
} {
  let cases = 0;
  let fte = 0;
  let holders = 0;
  for (const w of workers) {
    if (!w.registered || w.children <= 0 || w.fte <= 0) continue;
    cases += w.children;
    fte += w.fte;
    holders += 1;
  }
  return { cases, fte, holders, average: fte > 0 ? cases / fte : null };
}

/** One decimal place, for display: 15.25 -> "15.3"; null -> "". */
export function oneDecimal(n: number | null): string {
  if (n === null) return "";
  return (Math.round(n * 10 + Number.EPSILON) / 10).toFixed(1);
}
