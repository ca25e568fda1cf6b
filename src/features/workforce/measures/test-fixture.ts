import { readFileSync } from "node:fs";
import type { CensusInputs } from "./census-workers.js";

/**
 * Worker-level records whose totals match a published row of the DfE's indicators (for the
 * reproduction test). A plan of workers and posts in plain terms, built from the published
 * components; materialised in memory (CensusInputs) or in the database by the test.
 *
 * FTE is planned in tenths (0.1 to 1.0 per person) and days lost in hundredths, so that the sums
 * equal the published components exactly:
 * - in post: starters (started in the year) and the rest, each split into case holders and not;
 * - leavers: left within the year (not starters), no longer in post;
 * - agency: all case holders (the published case holder FTE is at least the agency FTE in the
 *   rows used); the first ones cover vacant posts up to the published agency cover FTE;
 * - vacant posts: the covered ones, then uncovered ones for the rest of the vacancy FTE;
 * - cases: the published total spread over the case holders (each at least one);
 * - working days lost: spread over the people in post, one sickness period each.
 */

export interface PublishedRow {
  areaCode: string;
  areaName: string;
  level: string;
  values: Record<string, number>;
}

/** The rows of the fixture CSV (lines starting with # are notes). */
export function readPublishedRows(url: URL): PublishedRow[] {
  const lines = readFileSync(url, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const header = (lines.shift() ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const cell = (name: string) => cells[header.indexOf(name)] ?? "";
    const values: Record<string, number> = {};
    for (const name of header.slice(10)) values[name] = Number(cell(name));
    const level = cell("geographic_level");
    return {
      level,
      areaCode: level === "National" ? cell("country_code") : cell("new_la_code"),
      areaName: level === "National" ? cell("country_name") : cell("la_name"),
      values,
    };
  });
}

export interface PlannedWorker {
  key: string;
  kind: "inpost" | "leaver" | "agency";
  fte: number;
  starter: boolean;
  startedOn: string;
  leftOn: string | null;
  /** Children at 30 September (null: no caseload entry). */
  cases: number | null;
  daysLost: number | null;
  postKey: string | null;
}
export interface PlannedPost {
  key: string;
  fte: number;
}
export interface WorkforcePlan {
  workers: PlannedWorker[];
  posts: PlannedPost[];
}

const tenths = (n: number) => Math.round(n * 10);

/** `total` units over `count` people, each between `min` and `max` units (spread evenly). */
function spread(total: number, count: number, min: number, max: number): number[] {
  if (count === 0) {
    if (total !== 0) throw new Error(`cannot spread ${total} over nobody`);
    return [];
  }
  if (total < count * min || total > count * max) throw new Error(`cannot spread ${total} over ${count}`);
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Splits a group (headcount, FTE tenths) into a part with `partTenths` and the rest. */
function splitGroup(hc: number, fte: number, partTenths: number): [number, number] {
  if (partTenths === 0) return [0, hc];
  if (partTenths === fte) return [hc, 0];
  let part = Math.round((hc * partTenths) / fte);
  part = Math.max(1, Math.ceil(partTenths / 10), Math.min(part, partTenths, hc - 1));
  const rest = hc - part;
  if (rest > fte - partTenths || rest * 10 < fte - partTenths) throw new Error("cannot split group");
  return [part, rest];
}

const day = (from: string, offset: number): string => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** A plan whose census components for `year` equal the published row's. */
export function planFor(row: PublishedRow, year: number): WorkforcePlan {
  const v = row.values;
  const get = (k: string) => v[k] ?? Number.NaN;
  const yearStart = `${year - 1}-10-01`;
  const F = tenths(get("inpost_fte"));
  const H = get("inpost_headcount");
  const S = tenths(get("starters_fte"));
  const Sh = get("starters_headcount");
  const A = tenths(get("agency_fte"));
  const X = tenths(get("case_holders_fte")) - A;
  if (X < 0 || X > F) throw new Error(`${row.areaName}: case holders do not fit the plan`);
  const N = F - S;
  const Nh = H - Sh;
  const nCase = Math.min(X, N);
  const sCase = X - nCase;
  const [nCaseH, nRestH] = splitGroup(Nh, N, nCase);
  const [sCaseH, sRestH] = splitGroup(Sh, S, sCase);

  const workers: PlannedWorker[] = [];
  const add = (kind: PlannedWorker["kind"], ftes: number[], o: Partial<PlannedWorker>) => {
    for (const f of ftes) {
      const i = workers.length;
      workers.push({
        key: `${row.areaCode}-${i}`,
        kind,
        fte: f / 10,
        starter: false,
        startedOn: "2015-01-05",
        leftOn: null,
        cases: null,
        daysLost: null,
        postKey: null,
        ...o,
      });
      if (o.starter) (workers[i] as PlannedWorker).startedOn = day(yearStart, 10 + (i % 300));
    }
  };
  add("inpost", spread(nCase, nCaseH, 1, 10), { cases: 1 });
  add("inpost", spread(N - nCase, nRestH, 1, 10), { cases: 0 });
  add("inpost", spread(sCase, sCaseH, 1, 10), { cases: 1, starter: true });
  add("inpost", spread(S - sCase, sRestH, 1, 10), { starter: true });
  add("agency", spread(A, get("agency_headcount"), 1, 10), { cases: 1, startedOn: day(yearStart, 100) });
  const leavers = spread(tenths(get("leavers_fte")), get("leavers_headcount"), 1, 10);
  leavers.forEach((f, i) => {
    add("leaver", [f], { leftOn: day(yearStart, 5 + ((i * 7) % 360)) });
  });

  // Cases over the case holders, each at least one.
  const holders = workers.filter((w) => w.cases === 1);
  spread(get("cases"), holders.length, 1, 500).forEach((c, i) => {
    (holders[i] as PlannedWorker).cases = c;
  });
  // Working days lost over the people in post (hundredths), at most 366 days each.
  const inPost = workers.filter((w) => w.kind === "inpost");
  spread(Math.round(get("working_days_lost_fte") * 100), inPost.length, 0, 36_600).forEach((d, i) => {
    (inPost[i] as PlannedWorker).daysLost = d / 100;
  });

  // Vacant posts: agency cover first, then the uncovered rest.
  const posts: PlannedPost[] = [];
  let cover = tenths(get("agency_cover_fte"));
  for (const w of workers.filter((x) => x.kind === "agency")) {
    if (cover <= 0) break;
    const postFte = Math.min(cover, tenths(w.fte));
    posts.push({ key: `${w.key}-post`, fte: postFte / 10 });
    w.postKey = `${w.key}-post`;
    cover -= postFte;
  }
  if (cover > 0) throw new Error(`${row.areaName}: agency cover exceeds agency FTE`);
  const uncovered = tenths(get("vacancy_fte")) - tenths(get("agency_cover_fte"));
  const count = Math.ceil(uncovered / 10);
  spread(uncovered, count, 1, 10).forEach((f, i) => {
    posts.push({ key: `${row.areaCode}-vacant-${i}`, fte: f / 10 });
  });
  return { workers, posts };
}

/** The plan as the census rules' plain inputs (in memory: the same rules, no SQL). */
export function planInputs(plan: WorkforcePlan, year: number): CensusInputs {
  const roles = [{ id: "sw", socialWorkQualified: true, caseHolder: true, dfeOrgRole: 5 }];
  const asAt = `${year}-09-30`;
  return {
    jobRoles: roles,
    people: plan.workers.map((w) => ({ id: w.key, displayName: w.key, sweNumber: null })),
    assignments: plan.workers.map((w) => ({
      id: w.key,
      personId: w.key,
      postId: w.postKey,
      orgUnitId: "unit",
      jobRoleId: "sw",
      contractType: w.kind === "agency" ? "agency" : "permanent",
      fte: w.fte,
      validFrom: w.startedOn,
      validTo: w.leftOn,
    })),
    posts: plan.posts.map((p) => ({
      id: p.key,
      orgUnitId: "unit",
      jobRoleId: "sw",
      fte: p.fte,
      socialWorkQualified: true,
      validFrom: "2015-01-05",
      validTo: null,
    })),
    leavings: plan.workers
      .filter((w) => w.leftOn !== null)
      .map((w) => ({ personId: w.key, leftOn: w.leftOn as string, reasonCode: 1, destinationCode: 1 })),
    caseloadEntries: plan.workers
      .filter((w) => w.cases !== null)
      .map((w) => ({ personId: w.key, asAt, children: w.cases as number })),
    absences: plan.workers
      .filter((w) => w.daysLost !== null && w.daysLost > 0)
      .map((w) => ({
        personId: w.key,
        periodFrom: `${year}-02-02`,
        periodTo: `${year}-08-28`,
        workingDaysLost: w.daysLost as number,
      })),
  };
}
