import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { barChart } from "../../../../platform/charts/charts.js";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { queryString } from "../../../../platform/http/query-string.js";
import { can } from "../../../../platform/http/request-helpers.js";
import { SUPPRESSION_NOTE } from "../../../../platform/privacy/suppression.js";
import { type AsAt, type Query, readAsAt } from "../../../people/pages/shared.js";
import { peoplePermissions } from "../../../people/permissions.js";
import { chooseUnit } from "../../../people/unit-choice.js";
import { workforcePermissions } from "../../permissions.js";
import type { Group, Profile } from "../profile.service.js";

const permission = workforcePermissions.view;

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

const hiddenText = (g: Group) => (g.hidden === "small" ? "fewer than 5" : g.hidden ? "hidden" : "");
const fteText = (n: number) => String(Math.round(n * 100) / 100);

interface ExportRow {
  breakdown: string;
  group: string;
  headcount: number | string;
  fte: number | string;
}

function exportRows(profile: Profile): ExportRow[] {
  const h = profile.headline;
  const rows: ExportRow[] = [
    { breakdown: "Headline", group: "Headcount (employed)", headcount: h.headcount, fte: h.fte },
    { breakdown: "Headline", group: "Agency or locum", headcount: h.agencyHeadcount, fte: h.agencyFte },
    { breakdown: "Headline", group: "Establishment", headcount: "", fte: h.establishmentFte },
    { breakdown: "Headline", group: "Vacancies", headcount: "", fte: h.vacancyFte },
    { breakdown: "Headline", group: "Vacancies covered by agency", headcount: "", fte: h.coveredFte },
  ];
  for (const b of profile.breakdowns) {
    for (const g of b.groups) {
      rows.push({
        breakdown: b.title,
        group: g.label,
        headcount: g.headcount ?? hiddenText(g),
        fte: g.fte ?? hiddenText(g),
      });
    }
  }
  return rows;
}

/**
 * `/workforce/profile?unit=&asAt=&sw=1` and `/workforce/profile/export?...&format=csv|xlsx`: the
 * workforce of a unit (and everything below it) as at a date. Age band, gender and ethnic group
 * are for HR only ("people.equality.view"), on the page and in the export alike.
 */
export async function profilePageRoutes(app: FastifyInstance) {
  /**
   * Equality breakdowns only where the viewer's equality permission reaches every unit counted
   * (HR held on one unit sees their unit's, not the whole council's or another service's).
   */
  async function equalityCovers(request: FastifyRequest, unitIds: string[] | null, asAt: string) {
    if (!can(app, request, peoplePermissions.viewEquality)) return false;
    const scope = request.scope(peoplePermissions.viewEquality);
    if (scope.tenant) return true;
    if (unitIds === null) return false;
    const reached = await app.people.orgTree(request.tenantContext(), scope, asAt);
    const ids = new Set(reached.rows.map((r) => r.orgUnitId));
    return unitIds.length > 0 && unitIds.every((id) => ids.has(id));
  }

  async function load(request: FastifyRequest, reply: FastifyReply, path: string) {
    const query = request.query as Query;
    const asAt: AsAt = readAsAt(query, app.workforceProfile.today());
    const socialWorkOnly = query.sw === "1" || query.sw === "yes";
    const unitParam = typeof query.unit === "string" ? query.unit : "";
    if (asAt.fromParts && asAt.errorSummary.length === 0) {
      reply.redirect(
        `${path}${queryString({ unit: unitParam, asAt: asAt.param, sw: socialWorkOnly ? "1" : "" })}`,
      );
      return null;
    }
    const choice = await chooseUnit(app, request.tenantContext(), request.scope(permission), query.unit, {
      asAt: asAt.asAt,
    });
    if (!choice) {
      notFound(reply);
      return null;
    }
    const includeEquality = await equalityCovers(request, choice.unitIds, asAt.asAt);
    const profile = await app.workforceProfile.profile(request.tenantContext(), {
      asAt: asAt.asAt,
      unitIds: choice.unitIds,
      socialWorkOnly,
      includeEquality,
    });
    const params = { unit: choice.unitId ?? "", asAt: asAt.param, sw: socialWorkOnly ? "1" : "" };
    return { asAt, choice, profile, params, socialWorkOnly };
  }

  app.get("/workforce/profile/export", { config: { permission } }, async (request, reply) => {
    const loaded = await load(request, reply, "/workforce/profile/export");
    if (!loaded) return reply;
    const format = exportFormat((request.query as Query).format) ?? "csv";
    return sendExport(
      reply,
      format,
      `workforce-profile-${loaded.choice.name}-${loaded.asAt.asAt}`,
      [
        { header: "Breakdown", value: (r: ExportRow) => r.breakdown },
        { header: "Group", value: (r) => r.group },
        { header: "Headcount", value: (r) => r.headcount },
        { header: "FTE", value: (r) => r.fte },
      ],
      exportRows(loaded.profile),
    );
  });

  app.get("/workforce/profile", { config: { permission } }, async (request, reply) => {
    const loaded = await load(request, reply, "/workforce/profile");
    if (!loaded) return reply;
    const { asAt, choice, profile, params, socialWorkOnly } = loaded;
    const h = profile.headline;
    const link = queryString(params);
    const breakdowns = profile.breakdowns.map((b) => ({
      id: b.id,
      title: b.title,
      equality: b.equality,
      chart: barChart({
        bars: b.groups.map((g) => ({ label: g.label, value: g.headcount, note: hiddenText(g) })),
      }),
      description: `Headcount by ${b.title.toLowerCase()}: ${b.groups
        .map((g) => `${g.label} ${g.headcount ?? hiddenText(g)}`)
        .join(", ")}.`,
      rows: b.groups.map((g) => ({
        label: g.label,
        headcount: g.headcount ?? hiddenText(g),
        fte: g.fte === null ? hiddenText(g) : fteText(g.fte),
      })),
      anyHidden: b.groups.some((g) => g.hidden),
    }));
    return reply.code(asAt.errorSummary.length ? 400 : 200).render("workforce/profile/pages/view.njk", {
      pageTitle: `Workforce profile: ${choice.name}`,
      name: choice.name,
      asAt: asAt.asAt,
      asAtView: asAt,
      errorSummary: asAt.errorSummary,
      unitItems: choice.items,
      socialWorkOnly,
      headline: {
        headcount: h.headcount,
        fte: fteText(h.fte),
        agencyPercent: h.agencyPercent === null ? "None" : `${h.agencyPercent}%`,
        agencyFte: fteText(h.agencyFte),
        agencyHeadcount: h.agencyHeadcount,
        establishmentFte: fteText(h.establishmentFte),
        posts: h.posts,
        vacancyFte: fteText(h.vacancyFte),
        coveredFte: fteText(h.coveredFte),
      },
      breakdowns,
      suppressionNote: SUPPRESSION_NOTE,
      exportBase: `/workforce/profile/export${link}${link ? "&" : "?"}`,
    });
  });
}
