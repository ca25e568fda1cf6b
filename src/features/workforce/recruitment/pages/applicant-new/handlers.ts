import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { channelNames, channels, reasonNames, reasons } from "../../codes.js";
import type { CampaignRow } from "../../recruitment.repository.js";
import { type ApplicantFormData, applicantForm } from "../schemas.js";
import { checkItems, notFound, type PageOptions, permission } from "../shared.js";

/**
 * `/workforce/recruitment/campaigns/:campaignId/applicants/new`: an applicant (name, optional
 * email, where they heard of the job, why they applied, the date they applied), at "applied".
 */
export async function applicantNewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { recruitment } = opts;

  function render(reply: FastifyReply, campaign: CampaignRow, state: FormState) {
    const v = state.values;
    // The campaign's own channels first.
    const ordered = [...channels].sort(
      (a, b) => Number(campaign.channels.includes(b)) - Number(campaign.channels.includes(a)),
    );
    const hasErrors = (state.errorSummary?.length ?? 0) > 0;
    return reply.code(hasErrors ? 400 : 200).render("workforce/recruitment/pages/applicant-new/view.njk", {
      pageTitle: `${hasErrors ? "Error: " : ""}Add an applicant to ${campaign.reference}`,
      campaign,
      values: v,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      sourceItems: ordered.map((c) => ({ value: c, text: channelNames[c], checked: v.source === c })),
      reasonItems: checkItems(
        reasons.map((r) => ({ value: r, text: reasonNames[r] })),
        v.reasons,
      ),
    });
  }

  const path = "/workforce/recruitment/campaigns/:campaignId/applicants/new";

  app.get<{ Params: { campaignId: string } }>(path, { config: { permission } }, async (request, reply) => {
    const campaign = await recruitment.campaign(
      request.tenantContext(),
      request.scope(permission),
      request.params.campaignId,
    );
    if (!campaign) return notFound(reply);
    return render(reply, campaign, {
      values: dateInputValues("applied_on", recruitment.today()),
      errors: {},
    });
  });

  app.post<{ Params: { campaignId: string } }>(
    path,
    { config: { permission, form: applicantForm } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const campaign = await recruitment.campaign(ctx, request.scope(permission), request.params.campaignId);
      if (!campaign) return notFound(reply);
      const result = request.formResult as FormResult<ApplicantFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      if (!result.ok)
        return render(reply, campaign, { values, errors: result.errors, errorSummary: result.errorSummary });
      const f = result.data;
      try {
        await recruitment.addApplicant(
          ctx,
          {
            campaignId: campaign.id,
            givenName: f.given_name,
            familyName: f.family_name,
            email: f.email,
            source: f.source,
            reasons: f.reasons,
            appliedOn: f.applied_on,
          },
          campaign.advertOpensOn,
        );
      } catch (err) {
        if (err instanceof RuleError) return render(reply, campaign, { values, ...ruleErrorView(err) });
        throw err;
      }
      setNotice(request, `${f.given_name} ${f.family_name} added`);
      return reply.redirect(`/workforce/recruitment/campaigns/${campaign.id}`, 303);
    },
  );
}
