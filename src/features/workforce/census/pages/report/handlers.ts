import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { currentCensusYear } from "../../census.service.js";
import type { CensusProblem } from "../../xml.js";
import {
  type CensusPageOptions,
  censusYearParam,
  handlerCheckedForm,
  notFound,
  permission,
} from "../shared.js";

const number = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ""));

/**
 * `/workforce/census/:year`: the pre-submission report (each record that would fail, with the
 * person, the field and what to do; the headline measures the return implies, with formulas and
 * inputs); `POST /workforce/census/:year/returns` makes and stores the return;
 * `/workforce/census/returns/:returnId` downloads it.
 */
export async function reportRoutes(app: FastifyInstance, opts: CensusPageOptions) {
  async function render(request: FastifyRequest, reply: FastifyReply, year: number, error?: string) {
    const report = await opts.census.report(request.tenantContext(), year);
    const problems = report.draft?.problems ?? [];
    const format = exportFormat((request.query as Record<string, unknown>).format);
    if (format)
      return sendExport(
        reply,
        format,
        `census-${year}-pre-submission`,
        [
          { header: "Person", value: (p: CensusProblem) => p.displayName },
          { header: "Field", value: (p) => p.label },
          { header: "Problem", value: (p) => p.message },
          {
            header: "Effect",
            value: (p) => (p.severity === "error" ? "Left out of the return" : "Sent: check it"),
          },
        ],
        problems,
      );
    const errorSummary = error ? [{ text: error, href: "#make-return" }] : [];
    return reply.code(error ? 400 : 200).render("workforce/census/pages/report/view.njk", {
      pageTitle: `Census ${year}: pre-submission report`,
      year,
      report,
      errors: error ? { "make-return": error } : {},
      errorSummary,
      counts: {
        records: (report.draft?.included.length ?? 0) + (report.draft?.excluded.length ?? 0),
        included: report.draft?.included.length ?? 0,
        excluded: report.draft?.excluded.length ?? 0,
        warnings: problems.filter((p) => p.severity === "warning").length,
      },
      problems,
      measures: report.measures.map((m) => ({
        ...m,
        shown:
          m.value === null ? "Not applicable" : `${m.value.toFixed(1)}${m.unit === "percent" ? "%" : ""}`,
        inputsText: m.inputs.map((i) => `${i.label}: ${number(i.value)}`).join("; "),
      })),
    });
  }

  app.get<{ Params: { year: string } }>(
    "/workforce/census/:year",
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      const year = censusYearParam(request.params.year, currentCensusYear(opts.census.today()));
      if (year === null) return notFound(reply);
      return render(request, reply, year);
    },
  );

  app.post<{ Params: { year: string } }>(
    "/workforce/census/:year/returns",
    { config: { permission, councilWide: true, form: handlerCheckedForm } },
    async (request, reply) => {
      const year = censusYearParam(request.params.year, currentCensusYear(opts.census.today()));
      if (year === null) return notFound(reply);
      try {
        const id = await opts.census.makeReturn(request.tenantContext(), year);
        return reply.redirect(`/workforce/census/returns/${id}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, year, err.message);
      }
    },
  );

  app.get<{ Params: { returnId: string } }>(
    "/workforce/census/returns/:returnId",
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      if (!isUuid(request.params.returnId)) return notFound(reply);
      const found = await opts.census.returnById(request.tenantContext(), request.params.returnId);
      if (!found) return notFound(reply);
      const stamp = found.id.slice(0, 8);
      return reply
        .header("content-type", "application/xml; charset=utf-8")
        .header("content-disposition", `attachment; filename="csww-${found.collection_year}-${stamp}.xml"`)
        .header("cache-control", "no-store")
        .send(found.xml);
    },
  );
}
