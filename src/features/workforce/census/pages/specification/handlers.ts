import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { type CensusPageOptions, permission } from "../shared.js";
import { type SpecificationFormData, specificationForm } from "./schema.js";

const url = "/workforce/census/specifications/new";

/**
 * `/workforce/census/specifications/new`: a new collection year's XSD (checked with xmllint) and
 * validation rules, so a year's changes are loaded, not coded. The platform takes one file a form,
 * so the rules come as the rules file's text; left blank, the latest earlier year's carry forward.
 */
export async function specificationRoutes(app: FastifyInstance, opts: CensusPageOptions) {
  const form = specificationForm(app.platform.config.uploadMaxBytes);

  function render(reply: FastifyReply, state: FormState) {
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/census/pages/specification/view.njk", {
        pageTitle: "Load a census specification",
        values: state.values,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get(url, { config: { permission, councilWide: true } }, (_request, reply) => {
    return render(reply, { values: {}, errors: {} });
  });

  app.post(url, { config: { permission, councilWide: true, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<SpecificationFormData>;
    const body = (request.body as Record<string, unknown>) ?? {};
    const values = { year: body.year, rules: body.rules };
    if (!result.ok)
      return render(reply, { values, errors: result.errors, errorSummary: result.errorSummary });
    try {
      await opts.census.loadSpecification(request.tenantContext(), {
        year: result.data.year,
        xsd: result.data.file.data.toString("utf8"),
        rulesText: result.data.rules,
        filename: result.data.file.filename,
      });
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(reply, { values, ...ruleErrorView(err) });
    }
    setNotice(request, `The ${result.data.year} specification is loaded`);
    return reply.redirect("/workforce/census", 303);
  });
}
