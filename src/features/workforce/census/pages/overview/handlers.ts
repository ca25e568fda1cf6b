import type { FastifyInstance } from "fastify";
import { currentCensusYear } from "../../census.service.js";
import { type CensusPageOptions, permission } from "../shared.js";

/** `/workforce/census`: the collection years with the specification each uses, and the returns made. */
export async function overviewRoutes(app: FastifyInstance, opts: CensusPageOptions) {
  app.get("/workforce/census", { config: { permission, councilWide: true } }, async (request, reply) => {
    const ctx = request.tenantContext();
    const current = currentCensusYear(opts.census.today());
    const [specs, returns] = await Promise.all([opts.census.specifications(ctx), opts.census.returns(ctx)]);
    const specYears = specs.map((s) => s.collection_year);
    const years = [
      ...new Set([current, current - 1, current - 2, ...returns.map((r) => r.collection_year)]),
    ].sort((a, b) => b - a);
    const rows = years.map((year) => {
      const specYear = specYears.find((y) => y <= year) ?? null;
      return {
        year,
        current: year === current,
        referenceDate: `${year}-09-30`,
        specYear,
        ownSpec: specYear === year,
        returns: returns.filter((r) => r.collection_year === year).length,
      };
    });
    return reply.render("workforce/census/pages/overview/view.njk", {
      pageTitle: "Census return",
      rows,
      specs,
      returns: returns.map((r) => ({
        ...r,
        by: r.display_name ?? (r.generated_by.startsWith("user:") ? "A former user" : r.generated_by),
      })),
    });
  });
}
