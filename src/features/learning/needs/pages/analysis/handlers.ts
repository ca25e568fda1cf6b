import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { type Tier, tierNames } from "../../../reference.js";
import type { CourseLine } from "../../needs.service.js";
import { planYearName, planYearOf, themeName } from "../../reference.js";
import { can, needsHome, type PageOptions, yearFrom } from "../shared.js";

const permission = learningPermissions.analyseNeeds;
const CHART_COURSES = 10;
const tierName = (t: string) => tierNames[t as Tier] ?? t;
const FEWER = "fewer than 5";

/** The table the next offer is planned from, as CSV or Excel. */
const courseColumns = [
  { header: "Course code", value: (c: CourseLine) => c.code },
  { header: "Course", value: (c: CourseLine) => c.title },
  { header: "Tier", value: (c: CourseLine) => tierName(c.tier) },
  { header: "Demand (people)", value: (c: CourseLine) => c.people },
  { header: "Essential", value: (c: CourseLine) => c.essential },
  { header: "Important", value: (c: CourseLine) => c.important },
  { header: "Desirable", value: (c: CourseLine) => c.desirable },
  { header: "Places planned", value: (c: CourseLine) => c.planned },
  { header: "Places scheduled", value: (c: CourseLine) => c.scheduled },
  { header: "Gap", value: (c: CourseLine) => c.gap },
];

/** "12 more people than places", "4 places to spare" or "Matched". */
function gapText(gap: number): string {
  if (gap > 0) return `${gap} short`;
  if (gap < 0) return `${-gap} spare`;
  return "Matched";
}

/**
 * `/learning/needs/analysis`: a plan year's needs in the viewer's scope against the places
 * planned and scheduled, by course (every core course), theme, team and service, with the chart
 * of the courses most in demand and the course table's export.
 */
export async function analysisRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    `${needsHome}/analysis`,
    { config: { permission } },
    async (request, reply) => {
      const year = yearFrom(request.query.year, opts.needs.planningYear());
      const scope = request.scope(permission);
      const a = await opts.needs.analysis(request.tenantContext(), scope, year);
      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(reply, format, `learning-needs-${year}-to-${year + 1}`, courseColumns, a.courses);
      }
      const top = [...a.courses]
        .filter((c) => c.people > 0)
        .sort((x, y) => y.people - x.people || x.title.localeCompare(y.title))
        .slice(0, CHART_COURSES);
      const max = Math.max(1, ...top.map((c) => Math.max(c.people, c.planned + c.scheduled)));
      const pct = (n: number) => Math.round((n / max) * 1000) / 10;
      const current = planYearOf(opts.needs.today());
      const unitRow = (u: (typeof a.teams)[number]) => ({
        ...u,
        withNeeds: u.suppressed ? FEWER : u.withNeeds,
        needs: u.suppressed ? FEWER : u.needs,
        essential: u.suppressed ? FEWER : u.essential,
        important: u.suppressed ? FEWER : u.important,
        desirable: u.suppressed ? FEWER : u.desirable,
      });
      return reply.render("learning/needs/pages/analysis/view.njk", {
        pageTitle: `Learning needs analysis ${planYearName(year)}`,
        year: planYearName(year),
        wholeCouncil: scope.tenant,
        yearChoices: [current - 2, current - 1, current, current + 1].map((y) => ({
          text: planYearName(y),
          href: `${needsHome}/analysis?year=${y}`,
          current: y === year,
        })),
        courses: a.courses.map((c) => ({
          ...c,
          tierName: tierName(c.tier),
          places: c.planned + c.scheduled,
          gapText: gapText(c.gap),
          short: c.gap > 0,
        })),
        chart: top.map((c) => ({
          title: c.title,
          people: c.people,
          places: c.planned + c.scheduled,
          peopleWidth: pct(c.people),
          placesWidth: pct(c.planned + c.scheduled),
        })),
        themes: a.themes.map((t) => ({ ...t, name: themeName(t.theme) })),
        teams: a.teams.map(unitRow),
        services: a.services.map(unitRow),
        exportBase: `${needsHome}/analysis?year=${year}&`,
        planHref: can(app, request, learningPermissions.manageSessions)
          ? `${needsHome}/plan?year=${year}`
          : null,
        uploadHref: can(app, request, learningPermissions.manageRecords) ? `${needsHome}/upload` : null,
      });
    },
  );
}
