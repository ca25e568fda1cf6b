import { stringify } from "csv-stringify/sync";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import type { PeopleService } from "../people.service.js";
import { defaultMapping, feedFields } from "./mapping.js";

/**
 * A generated HR extract for tests and the benchmark: deterministic (a seeded generator, no
 * Math.random), so the same seed always gives the same file. Headers are the default mapping's.
 */

/** mulberry32: a small, fast, seeded pseudo-random generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const givenNames = [
  "Amira",
  "Ben",
  "Chloe",
  "Dev",
  "Ellie",
  "Femi",
  "Grace",
  "Harry",
  "Isla",
  "Jack",
  "Kiran",
  "Leah",
  "Mo",
  "Nia",
  "Oscar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
  "Uma",
  "Vic",
  "Wes",
  "Yusuf",
  "Zara",
];
const familyNames = [
  "Adams",
  "Begum",
  "Clarke",
  "Davies",
  "Evans",
  "Fofana",
  "Green",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Murphy",
  "Nowak",
  "Okafor",
  "Patel",
  "Roberts",
  "Smith",
  "Taylor",
  "Walsh",
  "Young",
];

export const FIXTURE_TEAMS = Array.from({ length: 20 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);
export const FIXTURE_ROLES = [
  { code: "TM", name: "Team manager", sw: true },
  { code: "SSW", name: "Senior social worker", sw: true },
  { code: "SW", name: "Social worker", sw: true },
  { code: "FSW", name: "Family support worker", sw: false },
] as const;
export const POSTS_PER_TEAM = 10;

export function postReference(team: string, n: number): string {
  return `P-${team}-${String(n).padStart(2, "0")}`;
}

export type HrRow = Record<string, string>;

/**
 * `count` people in 20 teams: the first in each team is its manager (and every other member's
 * line manager); the first ten of a team hold its ten posts.
 */
export function generateHrRows(count: number, seed = 1): HrRow[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const h = defaultMapping() as Record<string, string>;
  const rows: HrRow[] = [];
  const teamManager = new Map<string, string>();
  const teamSize = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = `E${String(i + 1).padStart(6, "0")}`;
    const team = FIXTURE_TEAMS[i % FIXTURE_TEAMS.length] as string;
    const n = (teamSize.get(team) ?? 0) + 1;
    teamSize.set(team, n);
    const manager = teamManager.get(team);
    if (!manager) teamManager.set(team, id);
    const role = manager ? pick(FIXTURE_ROLES.slice(1)) : FIXTURE_ROLES[0];
    const given = pick(givenNames);
    const family = pick(familyNames);
    const agency = random() < 0.08;
    const year = 2000 + Math.floor(random() * 26);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    rows.push({
      [h.employee_id as string]: id,
      [h.given_name as string]: given,
      [h.family_name as string]: family,
      [h.email as string]: `${given}.${family}.${i + 1}@council.example`.toLowerCase(),
      [h.started_on as string]: `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`,
      [h.swe_number as string]: role.sw ? `SW${100000 + i}` : "",
      [h.team_code as string]: team,
      [h.job_role_code as string]: role.code,
      [h.contract_type as string]: agency ? "Agency" : random() < 0.1 ? "Fixed-term" : "Permanent",
      [h.fte as string]: agency ? "1" : pick(["1", "1", "1", "0.8", "0.6", "0.5"]),
      [h.post_reference as string]: n <= POSTS_PER_TEAM && !agency ? postReference(team, n) : "",
      [h.line_manager_employee_id as string]: manager ?? "",
    });
  }
  return rows;
}

export const hrHeaders = feedFields.map((f) => f.label);

export function hrCsv(rows: HrRow[], headers: string[] = hrHeaders): string {
  return stringify(
    rows.map((r) => headers.map((hd) => r[hd] ?? "")),
    { header: true, columns: headers },
  );
}

/** Rows in a seeded shuffled order (Fisher-Yates). */
export function shuffled<T>(list: T[], seed = 7): T[] {
  const random = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The organisation the generated file refers to: 20 teams, 4 job roles, 10 posts a team. */
export async function createFeedFixture(
  data: DataAccess,
  people: PeopleService,
  ctx: TenantContext,
  from = "2000-01-01",
): Promise<void> {
  await data.run(ctx, async (db) => {
    const roleIds = new Map<string, string>();
    for (const [i, role] of FIXTURE_ROLES.entries()) {
      const row = await db
        .insertInto("job_roles")
        .values({
          code: role.code,
          name: role.name,
          social_work_qualified: role.sw,
          case_holder: role.sw,
          sort_order: i,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      roleIds.set(role.code, row.id);
    }
    const top = await people.createUnitIn(db, {
      code: "CS",
      name: "Children's Services",
      unit_type: "directorate",
      parent_id: null,
      valid_from: from,
    });
    for (const team of FIXTURE_TEAMS) {
      const unitId = await people.createUnitIn(db, {
        code: team,
        name: `Team ${team}`,
        unit_type: "team",
        parent_id: top,
        valid_from: from,
      });
      await db
        .insertInto("posts")
        .values(
          Array.from({ length: POSTS_PER_TEAM }, (_, i) => ({
            reference: postReference(team, i + 1),
            org_unit_id: unitId,
            job_role_id: roleIds.get(i === 0 ? "TM" : "SW") as string,
            fte: 1,
            social_work_qualified: true,
            valid_from: from,
          })),
        )
        .execute();
    }
  });
}
