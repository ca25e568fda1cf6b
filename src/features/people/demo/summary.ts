import { coverContractTypes } from "../reference/domain.js";
import { jobRole } from "./catalogue.js";
import { dayNumber } from "./dates.js";
import type { Plan } from "./plan.js";

/** What a plan holds, in the figures the issue asks about (all as at the plan's today). */
export interface PlanSummary {
  authority: string;
  today: string;
  units: number;
  teams: number;
  posts: number;
  establishmentFte: number;
  /** People of kind staff with an assignment today (permanent, fixed-term, apprentice, agency). */
  staffToday: number;
  /** Of them, employed by the council (not agency or locum). */
  inPostToday: number;
  agencyToday: number;
  socialWorkers: { inPostFte: number; agencyFte: number; agencyShare: number };
  /** Posts with less than their FTE held by employees today; and how many of those agency covers. */
  vacantPosts: number;
  vacancyFte: number;
  coveredPosts: number;
  partTimeToday: number;
  peopleWithTwoJobsToday: number;
  /** Leavers in each of the last three years (year 1 = the 12 months to today). */
  leaversByYear: [number, number, number];
  startersByYear: [number, number, number];
  moves: number;
  restructures: number;
  unitManagerChanges: number;
  staffEver: number;
  assignments: number;
  households: number;
  fosterCarers: number;
  partnerOrganisations: number;
  partnerLearners: number;
}

export function summarisePlan(plan: Plan): PlanSummary {
  const T = dayNumber(plan.today);
  const current = plan.assignments.filter(
    (a) => a.validFrom <= plan.today && (a.validTo === null || a.validTo >= plan.today),
  );
  const cover = (c: string) => coverContractTypes.includes(c as never);
  const staffPeople = new Set(plan.people.filter((p) => p.kind === "staff").map((p) => p.index));
  const staffToday = new Set(current.filter((a) => staffPeople.has(a.person)).map((a) => a.person));
  const agencyPeople = new Set(current.filter((a) => cover(a.contract)).map((a) => a.person));
  const inPostPeople = new Set(current.filter((a) => !cover(a.contract)).map((a) => a.person));
  const sw = current.filter((a) => jobRole(a.role).socialWorkQualified);
  const swAgency = round(sum(sw.filter((a) => cover(a.contract)).map((a) => a.fte)));
  const swInPost = round(sum(sw.filter((a) => !cover(a.contract)).map((a) => a.fte)));
  let vacantPosts = 0;
  let vacancyFte = 0;
  let coveredPosts = 0;
  const heldByPost = new Map<number, { held: number; cover: number }>();
  for (const a of current) {
    if (a.post === null) continue;
    const h = heldByPost.get(a.post) ?? { held: 0, cover: 0 };
    if (cover(a.contract)) h.cover += a.fte;
    else h.held += a.fte;
    heldByPost.set(a.post, h);
  }
  for (const p of plan.posts) {
    const h = heldByPost.get(p.index) ?? { held: 0, cover: 0 };
    const gap = round(p.fte - h.held);
    if (gap > 0) {
      vacantPosts += 1;
      vacancyFte += gap;
      if (h.cover > 0) coveredPosts += 1;
    }
  }
  const byPerson = new Map<number, number>();
  for (const a of current) byPerson.set(a.person, (byPerson.get(a.person) ?? 0) + 1);
  const inPostFte = new Map<number, number>();
  for (const a of current)
    if (!cover(a.contract)) inPostFte.set(a.person, (inPostFte.get(a.person) ?? 0) + a.fte);
  const yearOf = (date: string) => Math.floor((T - dayNumber(date)) / 365.25);
  const leaversByYear: [number, number, number] = [0, 0, 0];
  for (const l of plan.leavings) {
    const y = yearOf(l.leftOn);
    if (y >= 0 && y < 3) leaversByYear[y as 0 | 1 | 2] += 1;
  }
  const startersByYear: [number, number, number] = [0, 0, 0];
  for (const p of plan.people) {
    if (p.kind !== "staff" || p.employeeNumber === null || p.startedOn === null) continue;
    const y = yearOf(p.startedOn);
    if (dayNumber(p.startedOn) <= T && y >= 0 && y < 3) startersByYear[y as 0 | 1 | 2] += 1;
  }
  return {
    authority: plan.authority.name,
    today: plan.today,
    units: plan.units.length,
    teams: plan.units.filter((u) => u.unitType === "team" || u.unitType === "home").length,
    posts: plan.posts.length,
    establishmentFte: round(sum(plan.posts.map((p) => p.fte))),
    staffToday: staffToday.size,
    inPostToday: inPostPeople.size,
    agencyToday: agencyPeople.size,
    socialWorkers: {
      inPostFte: swInPost,
      agencyFte: swAgency,
      agencyShare: round(swAgency / (swAgency + swInPost)),
    },
    vacantPosts,
    vacancyFte: round(vacancyFte),
    coveredPosts,
    partTimeToday: [...inPostFte.values()].filter((fte) => fte < 1).length,
    peopleWithTwoJobsToday: [...byPerson.values()].filter((n) => n > 1).length,
    leaversByYear,
    startersByYear,
    moves: plan.events.filter((e) => e.type === "move").length,
    restructures: plan.events.filter((e) => e.type === "moveUnit" || e.type === "renameUnit").length,
    unitManagerChanges: plan.events.filter((e) => e.type === "unitManager").length,
    staffEver: plan.people.filter((p) => p.kind === "staff").length,
    assignments: plan.assignments.length,
    households: plan.households.length,
    fosterCarers: plan.people.filter((p) => p.kind === "foster_carer").length,
    partnerOrganisations: plan.partnerOrgs.length,
    partnerLearners: plan.people.filter((p) => p.kind === "partner_learner").length,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
