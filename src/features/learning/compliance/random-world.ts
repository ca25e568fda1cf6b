/**
 * A random small council for the proof that the precomputed table equals the computation:
 * units (one moved to another service part way), job roles, courses, requirements (one with a
 * version change), staff with assignments (some leavers), a foster household, a partner learner,
 * learning records (some unverified or with no course), exemptions and pauses. Test-only.
 */
import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../schema.js";
import "../../people/schema.js";

export type Random = () => number;

/** mulberry32: a small seeded generator, so a failing seed can be run again. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const some = <T>(r: Random, xs: readonly T[], p = 0.3): T[] => xs.filter(() => r() < p);
export const dayIn = (r: Random, from: IsoDate, days: number): IsoDate =>
  addDays(from, Math.floor(r() * days));

export interface World {
  units: string[];
  roles: string[];
  courses: string[];
  requirements: string[];
  staff: string[];
  carers: string[];
  partner: string;
  everyone: string[];
}

const LEVELS = ["newly_qualified", "experienced", "senior"];
const CONTRACTS = ["permanent", "fixed_term", "agency"] as const;

export async function buildWorld(db: TenantDb, r: Random, tag: string, today: IsoDate): Promise<World> {
  const code = (s: string) => `${s}-${tag}`.toUpperCase();
  const unit = async (name: string, parent: string | null) => {
    const u = await db
      .insertInto("org_units")
      .values({ code: code(name) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("org_unit_versions")
      .values({ org_unit_id: u.id, name, unit_type: "team", parent_id: parent, valid_from: "2020-01-01" })
      .execute();
    return u.id;
  };
  const top = await unit(`Directorate ${tag}`, null);
  const s1 = await unit(`Service A ${tag}`, top);
  const s2 = await unit(`Service B ${tag}`, top);
  const teams = [
    await unit(`Team 1 ${tag}`, s1),
    await unit(`Team 2 ${tag}`, s1),
    await unit(`Team 3 ${tag}`, s2),
  ];
  // Team 2 moves from service A to service B a while ago: the parent chain depends on the date.
  const moved = addDays(today, -Math.floor(r() * 400));
  await db
    .updateTable("org_unit_versions")
    .set({ valid_to: addDays(moved, -1) })
    .where("org_unit_id", "=", teams[1] as string)
    .execute();
  await db
    .insertInto("org_unit_versions")
    .values({
      org_unit_id: teams[1] as string,
      name: `Team 2 ${tag}`,
      unit_type: "team",
      parent_id: s2,
      valid_from: moved,
    })
    .execute();
  const units = [top, s1, s2, ...teams];

  const roles: string[] = [];
  for (const name of ["SW", "FSW"]) {
    const row = await db
      .insertInto("job_roles")
      .values({ code: code(name), name: `${name} ${tag}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    roles.push(row.id);
  }
  const courses: string[] = [];
  for (let i = 1; i <= 6; i += 1) {
    const row = await db
      .insertInto("learning_courses")
      .values({
        code: code(`C${i}`),
        title: `Course ${i} ${tag}`,
        tier: "core",
        group_key: "safeguarding",
        delivery: "e_learning",
        booking_route: "self",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    courses.push(row.id);
  }

  const requirements: string[] = [];
  const requirement = async (name: string) => {
    const row = await db
      .insertInto("learning_requirements")
      .values({ code: code(name), title: `${name} ${tag}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    requirements.push(row.id);
    return row.id;
  };
  const version = (requirementId: string, values: Record<string, unknown>) =>
    db
      .insertInto("learning_requirement_versions")
      .values({
        requirement_id: requirementId,
        valid_from: "2021-01-01",
        course_ids: [pick(r, courses)],
        due_within_days: 30 + Math.floor(r() * 200),
        renew_every_months: r() < 0.6 ? pick(r, [12, 24, 36]) : null,
        grace_days: Math.floor(r() * 60),
        due_soon_days: 30,
        created_by: "test",
        ...values,
      })
      .execute();
  // Everyone (staff, carers, partners).
  await version(await requirement("ALL"), { person_kinds: [] });
  // Staff in service A's subtree, some roles and levels; changes on a date, maybe restarting the clock.
  const changing = await requirement("SAFE");
  const changeOn = addDays(today, -Math.floor(r() * 300));
  await version(changing, {
    valid_to: addDays(changeOn, -1),
    org_unit_ids: [s1],
    course_ids: [courses[0], courses[1]],
  });
  await version(changing, {
    valid_from: changeOn,
    org_unit_ids: [s1],
    job_role_ids: some(r, roles, 0.7),
    career_levels: some(r, LEVELS, 0.5),
    course_ids: [courses[1], courses[2]],
    restarts_clock: r() < 0.5,
  });
  // Staff on some contracts.
  await version(await requirement("CONTRACT"), {
    person_kinds: ["staff"],
    contract_types: some(r, CONTRACTS, 0.6),
    valid_from: dayIn(r, "2020-06-01", 1500),
  });
  // Foster carers, from approval.
  await version(await requirement("TSD"), {
    person_kinds: ["foster_carer"],
    carer_approval_types: r() < 0.5 ? [] : ["mainstream", "connected_person"],
    carers_from_approval: true,
  });

  const staff: string[] = [];
  const n = 18 + Math.floor(r() * 10);
  for (let i = 0; i < n; i += 1) {
    const started = dayIn(r, "2019-01-01", 2800);
    const person = await db
      .insertInto("people")
      .values({
        given_name: `Person${i}`,
        family_name: `Staff ${tag}`,
        started_on: r() < 0.8 ? started : null,
        email: `p${i}.${tag}@example.org`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    staff.push(person.id);
    const ends = r() < 0.2 ? dayIn(r, started, 900) : null;
    await db
      .insertInto("assignments")
      .values({
        person_id: person.id,
        org_unit_id: pick(r, teams),
        job_role_id: pick(r, roles),
        career_level: r() < 0.8 ? pick(r, LEVELS) : null,
        contract_type: pick(r, CONTRACTS),
        fte: pick(r, [1, 0.5, 0.8]),
        line_manager_person_id: staff.length > 1 ? (staff[0] as string) : null,
        valid_from: started,
        valid_to: ends,
      })
      .execute();
    if (r() < 0.25) {
      await db
        .insertInto("assignments")
        .values({
          person_id: person.id,
          org_unit_id: pick(r, teams),
          job_role_id: pick(r, roles),
          career_level: pick(r, LEVELS),
          contract_type: pick(r, CONTRACTS),
          fte: 0.5,
          valid_from: dayIn(r, started, 600),
        })
        .execute();
    }
  }
  const household = await db
    .insertInto("foster_households")
    .values({
      reference: code("FH"),
      name: `Household ${tag}`,
      approval_type: pick(r, ["mainstream", "connected_person", "short_breaks"] as const),
      approved_on: dayIn(r, "2023-01-01", 1200),
      supervising_social_worker_id: staff[0] as string,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const carers: string[] = [];
  for (const given of ["Sam", "Jo"]) {
    const row = await db
      .insertInto("people")
      .values({
        kind: "foster_carer",
        given_name: given,
        family_name: `Carer ${tag}`,
        foster_household_id: household.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    carers.push(row.id);
  }
  const partner = await db
    .insertInto("people")
    .values({
      kind: "partner_learner",
      given_name: "Pat",
      family_name: `Partner ${tag}`,
      started_on: "2024-02-01",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const everyone = [...staff, ...carers, partner.id];
  for (const personId of everyone) await addEvidence(db, r, personId, courses, requirements);
  return { units, roles, courses, requirements, staff, carers, partner: partner.id, everyone };
}

/** Random records, an exemption now and then, a pause now and then. */
export async function addEvidence(
  db: TenantDb,
  r: Random,
  personId: string,
  courses: string[],
  requirements: string[],
): Promise<void> {
  const count = Math.floor(r() * 4);
  for (let i = 0; i < count; i += 1) {
    await db
      .insertInto("learning_records")
      .values({
        person_id: personId,
        course_id: r() < 0.9 ? pick(r, courses) : null,
        title: "Some learning",
        completed_on: dayIn(r, "2021-01-01", 2200),
        source: pick(r, ["attendance", "e_learning", "external", "prior_learning"] as const),
        verification: r() < 0.8 ? "verified" : pick(r, ["awaiting", "rejected"] as const),
        created_by: "test",
      })
      .execute();
  }
  if (r() < 0.15) {
    const from = dayIn(r, "2024-01-01", 1200);
    await db
      .insertInto("learning_exemptions")
      .values({
        person_id: personId,
        requirement_id: pick(r, requirements),
        from_on: from,
        to_on: r() < 0.6 ? dayIn(r, from, 300) : null,
        reason: "Covered elsewhere",
        approved_by: "L&D manager",
        created_by: "test",
      })
      .execute();
  }
  if (r() < 0.15) {
    const from = dayIn(r, "2024-01-01", 1200);
    await db
      .insertInto("learning_pauses")
      .values({
        person_id: personId,
        from_on: from,
        to_on: r() < 0.6 ? dayIn(r, from, 300) : null,
        reason: pick(r, ["maternity_or_adoption", "long_sickness", "other"] as const),
        created_by: "test",
      })
      .execute();
  }
}
