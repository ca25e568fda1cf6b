import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import type { RecruitmentStage } from "../../../schema.js";
import { channelName, pipelineStages, reasonName, stageName, statusNames } from "../../codes.js";
import { daysBetween } from "../../measures.js";
import type { ApplicantRow, CampaignRow } from "../../recruitment.repository.js";
import { nextStages } from "../../stage-rules.js";
import { type PersonLinkFormData, personLinkForm, type StageFormData, stageForm } from "../schemas.js";
import { notFound, type PageOptions, permission, selectItems } from "../shared.js";

const stageItems = (from: RecruitmentStage, chosen: unknown) =>
  selectItems(
    nextStages(from).map((s) => ({ value: s, text: stageName(s) })),
    chosen,
    null,
  );

/**
 * The pipeline board `/workforce/recruitment/campaigns/:campaignId` (a column for each stage,
 * withdrawn apart; each applicant a card with a form to move them on, one POST per card, so it
 * works without JavaScript), an applicant's page `/workforce/recruitment/applicants/:applicantId`
 * (their details, stage history and the same form; a refused move is shown there with the error),
 * the move itself, and linking a starter to the person they became.
 */
export async function boardRoutes(app: FastifyInstance, opts: PageOptions) {
  const { recruitment } = opts;

  app.get<{ Params: { campaignId: string } }>(
    "/workforce/recruitment/campaigns/:campaignId",
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const campaign = await recruitment.campaign(ctx, request.scope(permission), request.params.campaignId);
      if (!campaign) return notFound(reply);
      const [applicants, unitName] = await Promise.all([
        recruitment.board(ctx, campaign.id),
        unitNameOf(request, campaign.orgUnitId),
      ]);
      const today = recruitment.today();
      const card = (a: (typeof applicants)[number]) => ({
        id: a.id,
        name: `${a.givenName} ${a.familyName}`,
        href: `/workforce/recruitment/applicants/${a.id}`,
        source: channelName(a.source),
        stageOn: a.stageOn,
        days: daysBetween(a.stageOn, today),
        stageItems: stageItems(a.stage, null),
        values: dateInputValues("on", today),
      });
      const column = (stage: RecruitmentStage) => ({
        stage,
        name: stageName(stage),
        cards: applicants.filter((a) => a.stage === stage).map(card),
      });
      return reply.render("workforce/recruitment/pages/board/view.njk", {
        pageTitle: `Campaign ${campaign.reference}: ${campaign.title}`,
        notification: takeNotice(request),
        campaign: {
          ...campaign,
          statusName: statusNames[campaign.status],
          channelNames: campaign.channels.map(channelName),
        },
        unitName,
        columns: pipelineStages.map(column),
        withdrawn: column("withdrawn"),
        total: applicants.length,
      });
    },
  );

  async function unitNameOf(request: FastifyRequest, unitId: string) {
    const tree = await app.people.orgTree(request.tenantContext(), request.scope(permission));
    return tree.rows.find((r) => r.orgUnitId === unitId)?.name ?? "";
  }

  async function renderApplicant(
    request: FastifyRequest,
    reply: FastifyReply,
    found: {
      applicant: ApplicantRow & { events: { stage: RecruitmentStage; on: string }[] };
      campaign: CampaignRow;
    },
    state: FormState,
    status = 200,
  ) {
    const { applicant: a, campaign } = found;
    const ctx = request.tenantContext();
    const mayStart = a.stage === "dbs_cleared" || a.stage === "started";
    const starters = mayStart ? await recruitment.starterChoices(ctx, campaign.orgUnitId) : [];
    const personItems = selectItems(
      starters.map((p) => ({ value: p.id, text: `${p.givenName} ${p.familyName}, started ${p.startedOn}` })),
      state.values.person_id ?? a.personId,
      "Not linked to anyone yet",
    );
    const linked = a.personId ? starters.find((p) => p.id === a.personId) : undefined;
    const hasErrors = (state.errorSummary?.length ?? 0) > 0;
    return reply.code(hasErrors ? 400 : status).render("workforce/recruitment/pages/board/applicant.njk", {
      pageTitle: `${hasErrors ? "Error: " : ""}${a.givenName} ${a.familyName}: applicant for ${campaign.reference}`,
      notification: takeNotice(request),
      campaign,
      applicant: {
        ...a,
        name: `${a.givenName} ${a.familyName}`,
        stageName: stageName(a.stage),
        sourceName: channelName(a.source),
        reasonNames: a.reasons.map(reasonName),
        linkedName: a.personId ? (linked ? `${linked.givenName} ${linked.familyName}` : "Linked") : null,
      },
      history: a.events.map((e) => ({ name: stageName(e.stage), on: e.on })),
      stageItems: stageItems(a.stage, state.values.stage),
      canMove: nextStages(a.stage).length > 0,
      personItems: mayStart && starters.length > 0 ? personItems : null,
      canLink: a.stage === "started" && starters.length > 0,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  const findApplicant = (request: FastifyRequest<{ Params: { applicantId: string } }>) =>
    recruitment.applicant(request.tenantContext(), request.scope(permission), request.params.applicantId);

  app.get<{ Params: { applicantId: string } }>(
    "/workforce/recruitment/applicants/:applicantId",
    { config: { permission } },
    async (request, reply) => {
      const found = await findApplicant(request);
      if (!found) return notFound(reply);
      return renderApplicant(request, reply, found, {
        values: dateInputValues("on", recruitment.today()),
        errors: {},
      });
    },
  );

  app.post<{ Params: { applicantId: string } }>(
    "/workforce/recruitment/applicants/:applicantId/stage",
    { config: { permission, form: stageForm } },
    async (request, reply) => {
      const found = await findApplicant(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<StageFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      if (!result.ok)
        return renderApplicant(request, reply, found, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      const f = result.data;
      try {
        await recruitment.moveStage(
          request.tenantContext(),
          found.applicant.id,
          { stage: f.stage, on: f.on, personId: f.person_id },
          found.campaign.orgUnitId,
        );
      } catch (err) {
        if (err instanceof RuleError)
          return renderApplicant(request, reply, found, { values, ...ruleErrorView(err) });
        throw err;
      }
      setNotice(
        request,
        `${found.applicant.givenName} ${found.applicant.familyName} moved to ${stageName(f.stage).toLowerCase()}`,
      );
      return reply.redirect(`/workforce/recruitment/campaigns/${found.campaign.id}`, 303);
    },
  );

  app.post<{ Params: { applicantId: string } }>(
    "/workforce/recruitment/applicants/:applicantId/person",
    { config: { permission, form: personLinkForm } },
    async (request, reply) => {
      const found = await findApplicant(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<PersonLinkFormData>;
      const values = {
        ...dateInputValues("on", recruitment.today()),
        ...((request.body as Record<string, unknown>) ?? {}),
      };
      const refuse = (field: string, message: string) =>
        renderApplicant(request, reply, found, {
          values,
          errors: { [field]: message },
          errorSummary: [{ text: message, href: `#${field}` }],
        });
      if (found.applicant.stage !== "started")
        return refuse("person_id", "Link a person only once they have started");
      if (!result.ok)
        return renderApplicant(request, reply, found, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      try {
        await recruitment.linkPerson(
          request.tenantContext(),
          found.applicant.id,
          result.data.person_id,
          found.campaign.orgUnitId,
        );
      } catch (err) {
        if (err instanceof RuleError) return refuse(err.field, err.message);
        throw err;
      }
      setNotice(request, "Linked to their person record");
      return reply.redirect(`/workforce/recruitment/applicants/${found.applicant.id}`, 303);
    },
  );
}
