import type { FastifyInstance } from "fastify";
import { tenantScope } from "../../../platform/auth/principal.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { subtreeIds } from "../../people/org-tree.js";
import type { CampaignStatus, RecruitmentStage } from "../schema.js";
import { type Channel, pipelineStages, type Reason } from "./codes.js";
import * as repo from "./recruitment.repository.js";

const BY = "system:demo";

/** A small seeded generator (mulberry32): the same demo every time. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  "Amara",
  "Ben",
  "Chloe",
  "Dev",
  "Ella",
  "Femi",
  "Grace",
  "Hamza",
  "Isla",
  "Jack",
  "Keira",
  "Liam",
  "Maya",
  "Noah",
  "Olu",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tia",
  "Usman",
  "Vic",
  "Wren",
  "Yusuf",
  "Zara",
];
const FAMILY = [
  "Ahmed",
  "Bennett",
  "Clarke",
  "Daley",
  "Evans",
  "Fraser",
  "Gill",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Morgan",
  "Nowak",
  "Owen",
  "Patel",
  "Reid",
  "Shah",
  "Taylor",
  "Walsh",
];
const REASONS: Reason[] = [
  "manageable_caseloads",
  "supervision_and_support",
  "flexible_working",
  "career_development_and_training",
  "reputation_and_practice_model",
  "location",
  "pay_and_benefits",
  "other",
];

/**
 * The campaigns: when the advert opened (days ago), how long it ran, its channels, the status it
 * ends in and how many applied. The last is open now; one is in the demo service manager's service.
 */
const PLAN: {
  daysAgo: number;
  runs: number;
  status: CampaignStatus;
  applicants: number;
  channels: Channel[];
}[] = [
  {
    daysAgo: 355,
    runs: 28,
    status: "filled",
    applicants: 18,
    channels: ["council_website", "jobs_board", "social_media"],
  },
  {
    daysAgo: 300,
    runs: 21,
    status: "filled",
    applicants: 9,
    channels: ["council_website", "professional_press", "referral"],
  },
  {
    daysAgo: 250,
    runs: 28,
    status: "withdrawn",
    applicants: 5,
    channels: ["jobs_board", "agency_conversion"],
  },
  {
    daysAgo: 200,
    runs: 28,
    status: "filled",
    applicants: 24,
    channels: ["council_website", "university_partnership", "recruitment_fair"],
  },
  {
    daysAgo: 150,
    runs: 21,
    status: "closed",
    applicants: 12,
    channels: ["jobs_board", "social_media", "referral"],
  },
  {
    daysAgo: 110,
    runs: 28,
    status: "filled",
    applicants: 15,
    channels: ["council_website", "jobs_board", "agency_conversion"],
  },
  {
    daysAgo: 18,
    runs: 28,
    status: "open",
    applicants: 8,
    channels: ["council_website", "jobs_board", "social_media", "university_partnership"],
  },
];

/** Days from one stage to the next: [least, most]. */
const GAPS: Record<string, [number, number]> = {
  shortlisted: [5, 12],
  interviewed: [7, 14],
  offered: [1, 6],
  accepted: [1, 5],
  dbs_cleared: [14, 42],
  started: [14, 35],
};

interface Team {
  unitId: string;
  name: string;
  postId: string | null;
  jobRoleId: string;
}

/**
 * Seven recruitment campaigns over the last year for social work posts in several of the demo
 * council's teams (one in the demo service manager's service), from 5 to 24 applicants each with
 * stage histories (most stop or withdraw along the way; a filled campaign's hire starts), sources
 * from the campaign's channels and reasons for applying; the newest campaign is open. Runs after the
 * people and users seeds. Does nothing for a council that already has a campaign.
 */
export async function seedDemoRecruitment(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: BY } };
    const tree = await app.people.orgTree(ctx, tenantScope, today);
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("recruitment_campaigns").select("id").limit(1).executeTakeFirst()) return;
      const teams = await socialWorkTeams(db, tree.rows, today);
      if (teams.length === 0) return;
      const managerUnit = await db
        .selectFrom("users")
        .innerJoin("user_roles", "user_roles.user_id", "users.id")
        .select("user_roles.unit_id as unitId")
        .where("users.email", "=", "service.manager@demo.test")
        .where("user_roles.role", "=", "service_manager")
        .executeTakeFirst();
      const managed = managerUnit?.unitId
        ? new Set(subtreeIds(tree.rows, managerUnit.unitId))
        : new Set<string>();
      const inService = teams.filter((t) => managed.has(t.unitId));
      const others = teams.filter((t) => !managed.has(t.unitId));
      for (const [i, plan] of PLAN.entries()) {
        // Every other campaign in the manager's service, the open one included, when it has teams.
        const pool =
          inService.length > 0 && (i % 2 === 0 || others.length === 0)
            ? inService
            : others.length
              ? others
              : inService;
        const team = pool[i % pool.length] as Team;
        await seedCampaign(db, i, plan, team, today);
      }
    });
  }
}

async function socialWorkTeams(
  db: TenantDb,
  rows: { orgUnitId: string; name: string; unitType: string }[],
  today: IsoDate,
): Promise<Team[]> {
  const sw = await db
    .selectFrom("job_roles")
    .select(["id", "code"])
    .where("code", "in", ["SW", "SSW"])
    .execute();
  const swId = sw.find((r) => r.code === "SW")?.id ?? sw[0]?.id;
  if (!swId) return [];
  const posts = await db
    .selectFrom("posts")
    .select(["id", "org_unit_id as unitId"])
    .where("job_role_id", "=", swId)
    .where("valid_from", "<=", today)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]))
    .orderBy("reference")
    .execute();
  const teams: Team[] = [];
  for (const r of rows) {
    if (r.unitType !== "team") continue;
    const post = posts.find((p) => p.unitId === r.orgUnitId);
    if (post) teams.push({ unitId: r.orgUnitId, name: r.name, postId: post.id, jobRoleId: swId });
  }
  return teams;
}

async function seedCampaign(
  db: TenantDb,
  index: number,
  plan: (typeof PLAN)[number],
  team: Team,
  today: IsoDate,
) {
  const rand = random(9001 + index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const opens = addDays(today, -plan.daysAgo);
  const closes = addDays(opens, plan.runs);
  const year = opens.slice(0, 4);
  const campaignId = await repo.insertCampaign(
    db,
    {
      reference: `SW-${year}-${String(index + 1).padStart(2, "0")}`,
      title: `Social worker, ${team.name}`,
      orgUnitId: team.unitId,
      postId: team.postId,
      jobRoleId: team.jobRoleId,
      fte: 1,
      advertOpensOn: opens,
      advertClosesOn: closes,
      channels: plan.channels,
    },
    BY,
  );
  if (plan.status !== "open")
    await db
      .updateTable("recruitment_campaigns")
      .set({ status: plan.status })
      .where("id", "=", campaignId)
      .execute();
  // Filled campaigns hire one of the best placed; the others see their candidates drop out.
  const hireAt = plan.status === "filled" ? Math.floor(rand() * Math.min(plan.applicants, 4)) : -1;
  for (let n = 0; n < plan.applicants; n += 1) {
    const hired = n === hireAt;
    // How far they get: most stop at applied or shortlisting.
    const roll = rand();
    let target = hired ? pipelineStages.length - 1 : roll < 0.4 ? 0 : roll < 0.7 ? 1 : roll < 0.88 ? 2 : 3;
    if (plan.status === "withdrawn") target = Math.min(target, 1);
    const withdraws = !hired && plan.status !== "open" && rand() < 0.35;
    const history: { stage: RecruitmentStage; on: IsoDate }[] = [];
    let on = addDays(opens, Math.floor(rand() * plan.runs));
    if (on > today) on = today;
    history.push({ stage: "applied", on });
    for (let s = 1; s <= target; s += 1) {
      const stage = pipelineStages[s] as RecruitmentStage;
      const next = addDays(on, between(GAPS[stage] ?? [3, 10]));
      if (next > today) break;
      on = next;
      history.push({ stage, on });
    }
    const last = history.at(-1) as { stage: RecruitmentStage; on: IsoDate };
    if (withdraws && last.stage !== "started") {
      const off = addDays(last.on, between([1, 9]));
      if (off <= today) history.push({ stage: "withdrawn", on: off });
    }
    const source = hired && index === 5 ? "agency_conversion" : pick(plan.channels);
    const reasons = [
      ...new Set([pick(REASONS), pick(REASONS.slice(0, 5)), ...(rand() < 0.4 ? [pick(REASONS)] : [])]),
    ];
    const given = GIVEN[(index * 7 + n * 3) % GIVEN.length] as string;
    const family = FAMILY[(index * 5 + n * 11) % FAMILY.length] as string;
    const applicantId = await repo.insertApplicant(
      db,
      {
        campaignId,
        givenName: given,
        familyName: family,
        email: `${given}.${family}@example.org`.toLowerCase(),
        source,
        reasons,
        appliedOn: history[0]?.on as IsoDate,
      },
      BY,
    );
    for (const e of history.slice(1)) await repo.insertEvent(db, applicantId, e.stage, e.on, BY);
    const end = history.at(-1) as { stage: RecruitmentStage; on: IsoDate };
    await repo.setStage(db, applicantId, end.stage, end.on, null);
  }
}
