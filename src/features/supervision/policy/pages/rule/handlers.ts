import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import type { TenantContext } from "../../../../../platform/tenancy/data-access.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { RuleView } from "../../policy.service.js";
import { targetNames } from "../../reference.js";
import { can, isUuid, notFound, type PageOptions, ruleErrorState, ruleHref, ruleLines } from "../shared.js";
import { type EndForm, endForm } from "./schema.js";

/** `/supervision/policy/rules/:ruleId` (read) and `/end` (its last day in force). */
export async function ruleRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;

  const heading = (r: RuleView) => r.targetName ?? targetNames[r.appliesTo];

  app.get<{ Params: { ruleId: string } }>(
    "/supervision/policy/rules/:ruleId",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const { ruleId } = request.params;
      if (!isUuid(ruleId)) return notFound(reply);
      const r = await policy.rule(request.tenantContext(), ruleId);
      if (!r) return notFound(reply);
      return reply.render("supervision/policy/pages/rule/view.njk", {
        pageTitle: `Supervision rule: ${heading(r)}`,
        notification: takeNotice(request),
        heading: heading(r),
        rule: { ...r, ...ruleLines(r), appliesToText: targetNames[r.appliesTo] },
        manage: can(app, request, supervisionPermissions.manage),
        endHref: `${ruleHref(r.id)}/end`,
        nextHref: `/supervision/policy/rules/new?after=${r.id}`,
      });
    },
  );

  function renderEnd(reply: FastifyReply, r: RuleView, form: FormState) {
    return reply.code(form.errorSummary?.length ? 400 : 200).render("supervision/policy/pages/rule/end.njk", {
      pageTitle: `End the rule: ${heading(r)}`,
      heading: heading(r),
      rule: { ...r, ...ruleLines(r) },
      backHref: ruleHref(r.id),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  async function load(ruleId: string, ctx: TenantContext) {
    return isUuid(ruleId) ? policy.rule(ctx, ruleId) : undefined;
  }

  app.get<{ Params: { ruleId: string } }>(
    "/supervision/policy/rules/:ruleId/end",
    { config: { permission: supervisionPermissions.manage } },
    async (request, reply) => {
      const r = await load(request.params.ruleId, request.tenantContext());
      if (!r) return notFound(reply);
      if (r.validTo) return reply.redirect(ruleHref(r.id), 303);
      return renderEnd(reply, r, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { ruleId: string } }>(
    "/supervision/policy/rules/:ruleId/end",
    { config: { permission: supervisionPermissions.manage, form: endForm } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const r = await load(request.params.ruleId, ctx);
      if (!r) return notFound(reply);
      const result = request.formResult as FormResult<EndForm>;
      if (!result.ok) return renderEnd(reply, r, result);
      try {
        await policy.endRule(ctx, r.id, result.data.end_on);
        setNotice(request, "Rule ended. Add the rule that follows it, if there is one");
        return reply.redirect(ruleHref(r.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderEnd(reply, r, ruleErrorState(err, request.body));
      }
    },
  );
}
