import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { caseloadPermissions } from "../../permissions.js";
import { can, isUuid, notFound, type PageOptions } from "../shared.js";
import { type EndFormData, endForm } from "../targets/schema.js";
import { type WeightFormData, weightForm } from "./schema.js";

const permission = caseloadPermissions.manage;

/**
 * `/caseloads/weights` (+ `/new`, `/:weightId/end`): optional complexity weights by case category
 * (a child in the category counts as the weight), effective-dated and never edited in place.
 */
export async function weightsRoutes(app: FastifyInstance, opts: PageOptions) {
  const { caseloads } = opts;

  app.get(
    "/caseloads/weights",
    { config: { permission: caseloadPermissions.view } },
    async (request, reply) => {
      const rows = await caseloads.weightsList(request.tenantContext());
      const today = caseloads.today();
      const manage = can(app, request, permission);
      return reply.render("caseloads/pages/weights/list.njk", {
        pageTitle: "Complexity weights",
        rows: rows.map((w) => ({
          ...w,
          inForce: w.validFrom <= today && (w.validTo === null || w.validTo >= today),
          endHref:
            manage && (w.validTo === null || w.validTo >= today) ? `/caseloads/weights/${w.id}/end` : null,
        })),
        manage,
        notification: takeNotice(request),
      });
    },
  );

  function renderNew(reply: FastifyReply, state: FormState) {
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/weights/new.njk", {
      pageTitle: "Add a complexity weight",
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get("/caseloads/weights/new", { config: { permission } }, (_request, reply) =>
    renderNew(reply, { values: dateInputValues("valid_from", caseloads.today()), errors: {} }),
  );

  app.post("/caseloads/weights/new", { config: { permission, form: weightForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<WeightFormData>;
    if (!result.ok)
      return renderNew(reply, {
        values: result.values,
        errors: result.errors,
        errorSummary: result.errorSummary,
      });
    const d = result.data;
    await caseloads.addWeight(request.tenantContext(), {
      category: d.category,
      name: d.name,
      weight: d.weight,
      validFrom: d.valid_from,
    });
    setNotice(request, "Weight added");
    return reply.redirect("/caseloads/weights", 303);
  });

  async function renderEnd(
    request: FastifyRequest<{ Params: { weightId: string } }>,
    reply: FastifyReply,
    state: FormState,
  ) {
    const { weightId } = request.params;
    if (!isUuid(weightId)) return notFound(reply);
    const weight = await caseloads.weight(request.tenantContext(), weightId);
    if (!weight) return notFound(reply);
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/targets/end.njk", {
      pageTitle: "End a complexity weight",
      what: `${weight.name} (${weight.category}) counts ${Number(weight.weight)}`,
      back: "/caseloads/weights",
      validFrom: weight.valid_from,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get<{ Params: { weightId: string } }>(
    "/caseloads/weights/:weightId/end",
    { config: { permission } },
    (request, reply) =>
      renderEnd(request, reply, { values: dateInputValues("ends_on", caseloads.today()), errors: {} }),
  );

  app.post<{ Params: { weightId: string } }>(
    "/caseloads/weights/:weightId/end",
    { config: { permission, form: endForm } },
    async (request, reply) => {
      const { weightId } = request.params;
      if (!isUuid(weightId) || !(await caseloads.weight(request.tenantContext(), weightId)))
        return notFound(reply);
      const result = request.formResult as FormResult<EndFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      if (!result.ok)
        return renderEnd(request, reply, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      try {
        await caseloads.endWeight(request.tenantContext(), weightId, result.data.ends_on);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderEnd(request, reply, { values, ...ruleErrorView(err) });
      }
      setNotice(request, "Weight ended");
      return reply.redirect("/caseloads/weights", 303);
    },
  );
}
