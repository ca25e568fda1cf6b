import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { caseloadPermissions } from "../../permissions.js";
import { endRoutes } from "../end-page.js";
import { can, type PageOptions } from "../shared.js";
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

  endRoutes(app, {
    path: "/caseloads/weights/:weightId/end",
    param: "weightId",
    permission,
    back: "/caseloads/weights",
    async describe(ctx, weightId) {
      const weight = await caseloads.weight(ctx, weightId);
      if (!weight) return null;
      return {
        pageTitle: "End a complexity weight",
        what: `${weight.name} (${weight.category}) counts ${Number(weight.weight)}`,
        validFrom: weight.valid_from,
      };
    },
    exists: (ctx, weightId) => caseloads.weight(ctx, weightId),
    end: (ctx, weightId, on) => caseloads.endWeight(ctx, weightId, on),
    notice: "Weight ended",
    today: () => caseloads.today(),
  });
}
