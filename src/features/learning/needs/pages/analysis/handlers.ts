import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { type Tier, tierNames, tiers as tierOrder } from "../../../reference.js";
import type { CourseLine, UnitLine } from "../../needs.service.js";
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
      const tierParam = typeof request.query.tier === "string" ? request.query.tier : "core";
      const tier = [...tierOrder, "all"].includes(tierParam) ? tierParam : "core";
      const serviceParam = typeof request.query.service === "string" ? request.query.service : "";
      const chosen = serviceParam ? a.services.find((u) => u.orgUnitId === serviceParam) : undefined;
      if (serviceParam && !chosen) return reply.code(404).render("errors/404.njk");
      const unitRow = (u: UnitLine) => ({
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
        // The planning table a tier at a time (core first); the download has every tier.
        tierChoices: [...tierOrder, "all"].map((t) => ({
          text: t === "all" ? "All tiers" : tierName(t),
          href: `${needsHome}/analysis?year=${year}${t === "core" ? "" : `&tier=${t}`}`,
          current: t === tier,
        })),
        tierShown: tier === "all" ? "all tiers" : tierName(tier),
        courses: a.courses
          .filter((c) => tier === "all" || c.tier === tier)
          .map((c) => ({
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
        // A council's hundreds of teams are shown a service at a time (the service's link).
        service: chosen ? { name: chosen.name, href: `${needsHome}/analysis?year=${year}#services` } : null,
        teams: chosen ? a.teams.filter((t) => t.serviceId === chosen.orgUnitId).map(unitRow) : [],
        services: a.services.map((u) => ({
          ...unitRow(u),
          href: u.orgUnitId ? `${needsHome}/analysis?year=${year}&service=${u.orgUnitId}#teams` : null,
        })),
        exportBase: `${needsHome}/analysis?year=${year}&`,
        planHref: can(app, request, learningPermissions.manageSessions)
          ? `${needsHome}/plan?year=${year}`
          : null,
        uploadHref: can(app, request, learningPermissions.manageRecords) ? `${needsHome}/upload` : null,
      });
    },
  );
}
