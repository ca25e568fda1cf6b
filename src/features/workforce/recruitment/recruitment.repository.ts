import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { CampaignStatus, RecruitmentStage } from "../schema.js";
import type { StageEvent } from "./measures.js";

const campaignColumns = [
  "recruitment_campaigns.id",
  "recruitment_campaigns.reference",
  "recruitment_campaigns.title",
  "recruitment_campaigns.org_unit_id as orgUnitId",
  "recruitment_campaigns.post_id as postId",
  "recruitment_campaigns.job_role_id as jobRoleId",
  "recruitment_campaigns.fte",
  "recruitment_campaigns.advert_opens_on as advertOpensOn",
  "recruitment_campaigns.advert_closes_on as advertClosesOn",
  "recruitment_campaigns.channels",
  "recruitment_campaigns.status",
  "posts.reference as postReference",
  "job_roles.name as jobRoleName",
] as const;

function campaigns(db: TenantDb) {
  return db
    .selectFrom("recruitment_campaigns")
    .leftJoin("posts", "posts.id", "recruitment_campaigns.post_id")
    .leftJoin("job_roles", "job_roles.id", "recruitment_campaigns.job_role_id")
    .select(campaignColumns);
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof campaign>>>;

/** Campaigns for these units (null: every unit), newest advert first. */
export function campaignsIn(db: TenantDb, unitIds: string[] | null) {
  let q = campaigns(db);
  if (unitIds) {
    if (unitIds.length === 0) return Promise.resolve([]);
    q = q.where("recruitment_campaigns.org_unit_id", "in", unitIds);
  }
  return q
    .orderBy("recruitment_campaigns.advert_opens_on", "desc")
    .orderBy("recruitment_campaigns.reference")
    .execute();
}

export function campaign(db: TenantDb, id: string) {
  return campaigns(db).where("recruitment_campaigns.id", "=", id).executeTakeFirst();
}

export async function referenceTaken(db: TenantDb, reference: string): Promise<boolean> {
  return !!(await db
    .selectFrom("recruitment_campaigns")
    .select("id")
    .where(sql`lower(reference)`, "=", reference.toLowerCase())
    .executeTakeFirst());
}

export interface NewCampaign {
  reference: string;
  title: string;
  orgUnitId: string;
  postId: string | null;
  jobRoleId: string | null;
  fte: number;
  advertOpensOn: IsoDate;
  advertClosesOn: IsoDate | null;
  channels: string[];
}

export async function insertCampaign(db: TenantDb, c: NewCampaign, by: string): Promise<string> {
  const row = await db
    .insertInto("recruitment_campaigns")
    .values({
      reference: c.reference,
      title: c.title,
      org_unit_id: c.orgUnitId,
      post_id: c.postId,
      job_role_id: c.jobRoleId,
      fte: c.fte,
      advert_opens_on: c.advertOpensOn,
      advert_closes_on: c.advertClosesOn,
      channels: c.channels,
      created_by: by,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CampaignChanges {
  advertOpensOn: IsoDate;
  advertClosesOn: IsoDate | null;
  channels: string[];
  status: CampaignStatus;
}

export async function updateCampaign(db: TenantDb, id: string, c: CampaignChanges): Promise<void> {
  await db
    .updateTable("recruitment_campaigns")
    .set({
      advert_opens_on: c.advertOpensOn,
      advert_closes_on: c.advertClosesOn,
      channels: c.channels,
      status: c.status,
    })
    .where("id", "=", id)
    .execute();
}

const applicantColumns = [
  "recruitment_applicants.id",
  "recruitment_applicants.campaign_id as campaignId",
  "recruitment_applicants.given_name as givenName",
  "recruitment_applicants.family_name as familyName",
  "recruitment_applicants.email",
  "recruitment_applicants.source",
  "recruitment_applicants.reasons_applied as reasons",
  "recruitment_applicants.stage",
  "recruitment_applicants.stage_on as stageOn",
  "recruitment_applicants.person_id as personId",
] as const;

export function applicantsOf(db: TenantDb, campaignIds: string[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("recruitment_applicants")
    .select(applicantColumns)
    .where("campaign_id", "in", campaignIds)
    .orderBy("stage_on")
    .orderBy("family_name")
    .orderBy("given_name")
    .execute();
}

export function applicant(db: TenantDb, id: string) {
  return db
    .selectFrom("recruitment_applicants")
    .select(applicantColumns)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type ApplicantRow = NonNullable<Awaited<ReturnType<typeof applicant>>>;

/** Each applicant's stage events, oldest first. */
export async function eventsOf(db: TenantDb, applicantIds: string[]): Promise<Map<string, StageEvent[]>> {
  const out = new Map<string, StageEvent[]>();
  if (applicantIds.length === 0) return out;
  const rows = await db
    .selectFrom("recruitment_stage_events")
    .select(["applicant_id as applicantId", "stage", "on_date as on", "created_at as createdAt"])
    .where("applicant_id", "in", applicantIds)
    .orderBy("on_date")
    .orderBy("created_at")
    .execute();
  for (const r of rows) {
    const list = out.get(r.applicantId) ?? [];
    list.push({ stage: r.stage, on: r.on });
    out.set(r.applicantId, list);
  }
  return out;
}

export interface NewApplicant {
  campaignId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  source: string;
  reasons: string[];
  appliedOn: IsoDate;
}

export async function insertApplicant(db: TenantDb, a: NewApplicant, by: string): Promise<string> {
  const row = await db
    .insertInto("recruitment_applicants")
    .values({
      campaign_id: a.campaignId,
      given_name: a.givenName,
      family_name: a.familyName,
      email: a.email,
      source: a.source,
      reasons_applied: a.reasons,
      stage: "applied",
      stage_on: a.appliedOn,
      created_by: by,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertEvent(db, row.id, "applied", a.appliedOn, by);
  return row.id;
}

export async function insertEvent(
  db: TenantDb,
  applicantId: string,
  stage: RecruitmentStage,
  on: IsoDate,
  by: string,
): Promise<void> {
  await db
    .insertInto("recruitment_stage_events")
    .values({ applicant_id: applicantId, stage, on_date: on, recorded_by: by })
    .execute();
}

export async function setStage(
  db: TenantDb,
  applicantId: string,
  stage: RecruitmentStage,
  on: IsoDate,
  personId: string | null,
): Promise<void> {
  await db
    .updateTable("recruitment_applicants")
    .set({ stage, stage_on: on, ...(personId ? { person_id: personId } : {}) })
    .where("id", "=", applicantId)
    .execute();
}

export async function linkPerson(db: TenantDb, applicantId: string, personId: string | null): Promise<void> {
  await db
    .updateTable("recruitment_applicants")
    .set({ person_id: personId })
    .where("id", "=", applicantId)
    .execute();
}

/**
 * People who started in a unit in a window: an assignment there beginning between the dates,
 * and none anywhere in the council before it (a move between teams is not a start).
 */
export function startersIn(db: TenantDb, unitId: string, from: IsoDate, to: IsoDate) {
  return db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .select([
      "people.id",
      "people.given_name as givenName",
      "people.family_name as familyName",
      "assignments.valid_from as startedOn",
    ])
    .where("assignments.org_unit_id", "=", unitId)
    .where("assignments.valid_from", ">=", from)
    .where("assignments.valid_from", "<=", to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("assignments as earlier")
            .select("earlier.id")
            .whereRef("earlier.person_id", "=", "assignments.person_id")
            .whereRef("earlier.valid_from", "<", "assignments.valid_from"),
        ),
      ),
    )
    .orderBy("assignments.valid_from", "desc")
    .orderBy("people.family_name")
    .execute();
}
