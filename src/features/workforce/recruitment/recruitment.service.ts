import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { isUuid } from "../../../platform/http/request-helpers.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import type { PeopleService } from "../../people/people.service.js";
import type { RecruitmentStage } from "../schema.js";
import type { ApplicantHistory } from "./measures.js";
import * as repo from "./recruitment.repository.js";
import { checkStageMove } from "./stage-rules.js";

/** How far back the "started" select looks for people who joined the campaign's unit. */
const STARTER_WINDOW_DAYS = 180;

/**
 * Recruitment: campaigns for posts in the units a viewer reaches, their applicants and each
 * applicant's stage history (see stage-rules.ts), and the histories the measures are worked out
 * from. Decorated as `app.recruitment`. A campaign outside the viewer's scope reads as missing.
 */
export class RecruitmentService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The campaigns for these units (null: the whole council), with every applicant's history. */
  async campaigns(ctx: TenantContext, unitIds: string[] | null) {
    return this.data.run(ctx, async (db) => {
      const campaigns = await repo.campaignsIn(db, unitIds);
      const applicants = await repo.applicantsOf(
        db,
        campaigns.map((c) => c.id),
      );
      const events = await repo.eventsOf(
        db,
        applicants.map((a) => a.id),
      );
      const opens = new Map(campaigns.map((c) => [c.id, c.advertOpensOn]));
      const histories: ApplicantHistory[] = applicants.map((a) => ({
        id: a.id,
        campaignId: a.campaignId,
        advertOpensOn: opens.get(a.campaignId) as IsoDate,
        source: a.source,
        reasons: a.reasons,
        stage: a.stage,
        events: events.get(a.id) ?? [{ stage: a.stage, on: a.stageOn }],
      }));
      return { campaigns, applicants, histories };
    });
  }

  /** A campaign the viewer reaches, or null (missing, another council's, or out of scope). */
  async campaign(ctx: TenantContext, scope: AccessScope, campaignId: string) {
    if (!isUuid(campaignId)) return null;
    const found = await this.data.run(ctx, (db) => repo.campaign(db, campaignId));
    if (!found || !(await this.people.reachesUnit(ctx, scope, found.orgUnitId))) return null;
    return found;
  }

  /** A campaign's applicants with their stage histories. */
  async board(ctx: TenantContext, campaignId: string) {
    return this.data.run(ctx, async (db) => {
      const applicants = await repo.applicantsOf(db, [campaignId]);
      const events = await repo.eventsOf(
        db,
        applicants.map((a) => a.id),
      );
      return applicants.map((a) => ({ ...a, events: events.get(a.id) ?? [] }));
    });
  }

  /** An applicant whose campaign the viewer reaches, with the campaign and stage history; or null. */
  async applicant(ctx: TenantContext, scope: AccessScope, applicantId: string) {
    if (!isUuid(applicantId)) return null;
    const found = await this.data.run(ctx, async (db) => {
      const a = await repo.applicant(db, applicantId);
      return a ? { ...a, events: (await repo.eventsOf(db, [a.id])).get(a.id) ?? [] } : null;
    });
    if (!found) return null;
    const campaign = await this.campaign(ctx, scope, found.campaignId);
    return campaign ? { applicant: found, campaign } : null;
  }

  async createCampaign(ctx: TenantContext, scope: AccessScope, input: repo.NewCampaign): Promise<string> {
    if (!(await this.people.reachesUnit(ctx, scope, input.orgUnitId)))
      throw new RuleError("org_unit_id", "Select a team or service you recruit for");
    const posts = input.postId ? await this.postsFor(ctx, input.orgUnitId) : [];
    if (input.postId && !posts.some((p) => p.id === input.postId))
      throw new RuleError("post_id", "Select a post in the team or service chosen");
    return this.data.run(ctx, async (db) => {
      // The job role must be one of this council's (a foreign key alone does not see the tenant).
      if (
        input.jobRoleId &&
        !(await db.selectFrom("job_roles").select("id").where("id", "=", input.jobRoleId).executeTakeFirst())
      )
        throw new RuleError("job_role_id", "Select a job role from the list");
      if (await repo.referenceTaken(db, input.reference))
        throw new RuleError("reference", "A campaign with this reference already exists: enter another");
      return repo.insertCampaign(db, input, ctx.actor.id);
    });
  }

  async editCampaign(ctx: TenantContext, campaignId: string, changes: repo.CampaignChanges): Promise<void> {
    await this.data.run(ctx, (db) => repo.updateCampaign(db, campaignId, changes));
  }

  /** The unit's posts today, vacant ones first, for the campaign form's select. */
  async postsFor(ctx: TenantContext, unitId: string) {
    const team = await this.people.teamView(ctx, unitId);
    if (!team) return [];
    return [...team.posts]
      .sort((a, b) => Number(b.vacancyFte > 0) - Number(a.vacancyFte > 0))
      .map((p) => ({
        id: p.id,
        reference: p.reference,
        jobRole: p.jobRole,
        fte: p.fte,
        vacancyFte: p.vacancyFte,
      }));
  }

  async addApplicant(ctx: TenantContext, input: repo.NewApplicant, advertOpensOn: IsoDate): Promise<string> {
    if (input.appliedOn > this.today())
      throw new RuleError("applied_on-day", "Date they applied must be today or in the past");
    if (input.appliedOn < advertOpensOn)
      throw new RuleError(
        "applied_on-day",
        "Date they applied must be on or after the date the advert opened",
      );
    return this.data.run(ctx, (db) => repo.insertApplicant(db, input, ctx.actor.id));
  }

  /**
   * Moves an applicant to a stage on a date: a stage event is added and the applicant's current
   * stage updated in one transaction, after the rules in stage-rules.ts. On "started", the person
   * they became may be linked (someone who joined the campaign's unit recently).
   */
  async moveStage(
    ctx: TenantContext,
    applicantId: string,
    move: { stage: RecruitmentStage; on: IsoDate; personId: string | null },
    unitId: string,
  ): Promise<void> {
    if (move.personId && move.stage !== "started")
      throw new RuleError("person_id", "Link a person only when they start");
    if (move.personId && !(await this.starterChoices(ctx, unitId)).some((p) => p.id === move.personId))
      throw new RuleError("person_id", "Select someone who started in the team recently");
    const today = this.today();
    await this.data.run(ctx, async (db) => {
      const current = await db
        .selectFrom("recruitment_applicants")
        .select(["stage", "stage_on"])
        .where("id", "=", applicantId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const refusal = checkStageMove({
        from: current.stage,
        fromOn: current.stage_on,
        to: move.stage,
        on: move.on,
        today,
      });
      if (refusal) throw new RuleError(refusal.field === "on" ? "on-day" : "stage", refusal.message);
      await repo.insertEvent(db, applicantId, move.stage, move.on, ctx.actor.id);
      await repo.setStage(db, applicantId, move.stage, move.on, move.personId);
    });
  }

  /** People who joined the unit in the last six months (none before in the council). */
  async starterChoices(ctx: TenantContext, unitId: string) {
    const today = this.today();
    return this.data.run(ctx, (db) =>
      repo.startersIn(db, unitId, addDays(today, -STARTER_WINDOW_DAYS), today),
    );
  }

  async linkPerson(ctx: TenantContext, applicantId: string, personId: string, unitId: string): Promise<void> {
    if (!(await this.starterChoices(ctx, unitId)).some((p) => p.id === personId))
      throw new RuleError("person_id", "Select someone who started in the team recently");
    await this.data.run(ctx, (db) => repo.linkPerson(db, applicantId, personId));
  }
}
