import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { campaignStatuses } from "../../../schema.js";
import { channelNames, channels, statusNames } from "../../codes.js";
import type { CampaignRow } from "../../recruitment.repository.js";
import {
  type CampaignEditFormData,
  type CampaignFormData,
  campaignEditForm,
  campaignForm,
} from "../schemas.js";
import { checkItems, notFound, type PageOptions, permission, selectItems, unitsInScope } from "../shared.js";

const channelItems = channels.map((c) => ({ value: c, text: channelNames[c] }));

/**
 * `/workforce/recruitment/campaigns/new` (a campaign for a post in a unit the viewer recruits for:
 * the unit is chosen first, then its posts are offered, vacant ones first, with `?unit=` so it works
 * without JavaScript) and `/workforce/recruitment/campaigns/:campaignId/edit` (dates, channels,
 * status).
 */
export async function campaignFormRoutes(app: FastifyInstance, opts: PageOptions) {
  const { recruitment } = opts;

  async function renderNew(request: FastifyRequest, reply: FastifyReply, state: FormState) {
    const ctx = request.tenantContext();
    const units = await unitsInScope(app, ctx, request.scope(permission), undefined);
    const v = state.values;
    const unitId =
      typeof v.org_unit_id === "string" && units?.names.has(v.org_unit_id) ? v.org_unit_id : null;
    const posts = unitId ? await recruitment.postsFor(ctx, unitId) : [];
    const lookups = await app.people.lookups(ctx);
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/recruitment/pages/campaign-form/new.njk", {
        pageTitle: `${state.errorSummary?.length ? "Error: " : ""}Start a recruitment campaign`,
        values: v,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
        unitItems: units?.items(v.org_unit_id, "Select a team or service") ?? [],
        unitChosen: unitId !== null,
        postItems: selectItems(
          posts.map((p) => ({
            value: p.id,
            text: `${p.reference}: ${p.jobRole}, ${p.fte} FTE${p.vacancyFte > 0 ? ` (vacant ${p.vacancyFte} FTE)` : " (filled)"}`,
          })),
          v.post_id,
          "No particular post",
        ),
        roleItems: selectItems(
          lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
          v.job_role_id,
          "Select a job role",
        ),
        channelItems: checkItems(channelItems, v.channels),
      });
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    "/workforce/recruitment/campaigns/new",
    { config: { permission } },
    async (request, reply) => {
      const unit = typeof request.query.unit === "string" ? request.query.unit : "";
      return renderNew(request, reply, {
        values: { org_unit_id: unit, fte: "1", ...dateInputValues("advert_opens_on", recruitment.today()) },
        errors: {},
      });
    },
  );

  app.post(
    "/workforce/recruitment/campaigns/new",
    { config: { permission, form: campaignForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<CampaignFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      // "Show the team's posts": the form again with the chosen unit's posts (works without JavaScript).
      if (values.refresh === "posts") return renderNew(request, reply, { values, errors: {} });
      if (!result.ok)
        return renderNew(request, reply, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      const f = result.data;
      try {
        const id = await recruitment.createCampaign(request.tenantContext(), request.scope(permission), {
          reference: f.reference,
          title: f.title,
          orgUnitId: f.org_unit_id,
          postId: f.post_id,
          jobRoleId: f.job_role_id,
          fte: f.fte,
          advertOpensOn: f.advert_opens_on,
          advertClosesOn: f.advert_closes_on,
          channels: f.channels,
        });
        setNotice(request, `Campaign ${f.reference} started`);
        return reply.redirect(`/workforce/recruitment/campaigns/${id}`, 303);
      } catch (err) {
        if (err instanceof RuleError) return renderNew(request, reply, { values, ...ruleErrorView(err) });
        throw err;
      }
    },
  );

  function renderEdit(reply: FastifyReply, campaign: CampaignRow, state: FormState) {
    const v = state.values;
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/recruitment/pages/campaign-form/edit.njk", {
        pageTitle: `${state.errorSummary?.length ? "Error: " : ""}Change campaign ${campaign.reference}`,
        campaign,
        values: v,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
        channelItems: checkItems(channelItems, v.channels),
        statusItems: campaignStatuses.map((s) => ({
          value: s,
          text: statusNames[s],
          checked: v.status === s,
        })),
      });
  }

  app.get<{ Params: { campaignId: string } }>(
    "/workforce/recruitment/campaigns/:campaignId/edit",
    { config: { permission } },
    async (request, reply) => {
      const campaign = await recruitment.campaign(
        request.tenantContext(),
        request.scope(permission),
        request.params.campaignId,
      );
      if (!campaign) return notFound(reply);
      return renderEdit(reply, campaign, {
        values: {
          ...dateInputValues("advert_opens_on", campaign.advertOpensOn),
          ...dateInputValues("advert_closes_on", campaign.advertClosesOn),
          channels: campaign.channels,
          status: campaign.status,
        },
        errors: {},
      });
    },
  );

  app.post<{ Params: { campaignId: string } }>(
    "/workforce/recruitment/campaigns/:campaignId/edit",
    { config: { permission, form: campaignEditForm } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const campaign = await recruitment.campaign(ctx, request.scope(permission), request.params.campaignId);
      if (!campaign) return notFound(reply);
      const result = request.formResult as FormResult<CampaignEditFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      if (!result.ok)
        return renderEdit(reply, campaign, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      const f = result.data;
      await recruitment.editCampaign(ctx, campaign.id, {
        advertOpensOn: f.advert_opens_on,
        advertClosesOn: f.advert_closes_on,
        channels: f.channels,
        status: f.status,
      });
      setNotice(request, `Campaign ${campaign.reference} changed`);
      return reply.redirect(`/workforce/recruitment/campaigns/${campaign.id}`, 303);
    },
  );
}
