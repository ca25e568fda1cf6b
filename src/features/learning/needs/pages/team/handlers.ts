import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { planYearName } from "../../reference.js";
import { can, needsHome, notFound, type PageOptions, pageNumber, personHref } from "../shared.js";

const permission = learningPermissions.recordNeeds;
export const TEAM_PAGE_SIZE = 50;

/**
 * `/learning/needs/team`: the people a manager records needs with (line managers their reports,
 * service managers their service, L&D everyone), with how many needs each has for the plan year,
 * so they can work through the team once a year.
 */
export async function teamRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    `${needsHome}/team`,
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const year = opts.needs.planningYear();
      const viewer = request.principal?.personId ?? null;
      const format = exportFormat(request.query.format);
      const page = format ? 1 : pageNumber(request.query.page);
      const size = format ? 100_000 : TEAM_PAGE_SIZE;
      const team = await opts.needs.teamPage(ctx, request.scope(permission), viewer, year, {
        limit: size,
        offset: (page - 1) * size,
      });
      if (format) {
        return sendExport(
          reply,
          format,
          `learning-needs-people-${year}-to-${year + 1}`,
          [
            { header: "Name", value: (p: (typeof team.people)[number]) => p.name },
            { header: "Team", value: (p) => p.team },
            { header: `Needs for ${planYearName(year)}`, value: (p) => p.needs },
          ],
          team.people,
        );
      }
      const pageCount = Math.max(1, Math.ceil(team.total / TEAM_PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const href = (p: number) => `${needsHome}/team${p > 1 ? `?page=${p}` : ""}`;
      return reply.render("learning/needs/pages/team/view.njk", {
        pageTitle:
          pageCount > 1
            ? `Your team's learning needs (page ${page} of ${pageCount})`
            : "Your team's learning needs",
        year: planYearName(year),
        total: team.total,
        withNeeds: team.withNeeds,
        people: team.people.map((p) => ({ ...p, href: personHref(p.personId) })),
        analysisHref: can(app, request, learningPermissions.analyseNeeds) ? `${needsHome}/analysis` : null,
        uploadHref: can(app, request, learningPermissions.manageRecords) ? `${needsHome}/upload` : null,
        pagination:
          pageCount > 1
            ? {
                previous: page > 1 ? { href: href(page - 1) } : undefined,
                next: page < pageCount ? { href: href(page + 1) } : undefined,
                items: Array.from({ length: pageCount }, (_, i) => ({
                  number: i + 1,
                  href: href(i + 1),
                  current: i + 1 === page,
                })),
              }
            : null,
        exportBase: `${needsHome}/team?`,
      });
    },
  );
}
