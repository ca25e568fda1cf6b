import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { learningPermissions } from "../../../permissions.js";
import type { FeedReport } from "../../feed.js";
import { planYearName } from "../../reference.js";
import { needsHome, type PageOptions } from "../shared.js";
import { type UploadFormData, uploadForm } from "./schema.js";

/**
 * `/learning/needs/upload`: needs from appraisals and quality findings, fed as a CSV file by the
 * learning and development team (the permission only they hold for imports). The answer is the
 * report: needs added, already recorded, and each refused row with its reasons.
 */
export async function uploadRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = learningPermissions.manageRecords;
  const form = uploadForm(app.platform.config.uploadMaxBytes);
  const url = `${needsHome}/upload`;

  function render(reply: FastifyReply, state: FormState, report?: FeedReport, year?: number) {
    const chosen = String(state.values.plan_year ?? year ?? opts.needs.planningYear());
    return reply.code(state.errorSummary?.length ? 400 : 200).render("learning/needs/pages/upload/view.njk", {
      pageTitle: report ? "Learning needs file applied" : "Upload learning needs",
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      yearItems: opts.needs.recordableYears().map((y) => ({
        value: String(y),
        text: planYearName(y),
        checked: String(y) === chosen,
      })),
      report: report ?? null,
      reportYear: year ? planYearName(year) : null,
    });
  }

  app.get(url, { config: { permission } }, async (_request, reply) =>
    render(reply, { values: {}, errors: {} }),
  );

  app.post(url, { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<UploadFormData>;
    if (!result.ok) {
      const values =
        typeof result.values.plan_year === "string" ? { plan_year: result.values.plan_year } : {};
      return render(reply, { ...result, values });
    }
    const { plan_year: year, file } = result.data;
    if (!opts.needs.recordableYears().includes(year)) {
      return render(reply, {
        values: {},
        ...ruleErrorView(new RuleError("plan_year", "Select the plan year the needs are for")),
      });
    }
    try {
      const report = await opts.needs.importFeed(request.tenantContext(), file.data, year);
      return render(reply, { values: { plan_year: String(year) }, errors: {} }, report, year);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(reply, { values: { plan_year: String(year) }, ...ruleErrorView(err) });
    }
  });
}
