import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { statusNames } from "../../compliance.service.js";
import type { ComplianceStatus } from "../../status.js";
import {
  dateText,
  figuresUpdating,
  isUuid,
  type PageOptions,
  pageNumber,
  statusTag,
  viewerScope,
} from "../shared.js";

export const MATRIX_PAGE_SIZE = 50;

/** `/learning/compliance/teams/:unitId`: the people-by-requirement matrix, 50 people a page. */
export async function teamRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { unitId: string }; Querystring: Record<string, unknown> }>(
    "/learning/compliance/teams/:unitId",
    { config: { permission: learningPermissions.viewRecords } },
    async (request, reply) => {
      const { unitId } = request.params;
      const ctx = request.tenantContext();
      const scope = viewerScope(request);
      const units = isUuid(unitId) ? await opts.compliance.unitChoices(ctx, scope) : [];
      const unit = units.find((u) => u.orgUnitId === unitId);
      if (!unit) return reply.code(404).render("errors/404.njk");
      const format = exportFormat(request.query.format);
      const page = format ? 1 : pageNumber(request.query.page);
      const pageSize = format ? 100_000 : MATRIX_PAGE_SIZE;
      const m = await opts.compliance.matrix(ctx, scope, units, unitId, page, pageSize);
      const cells = new Map(m.cells.map((c) => [`${c.person_id}:${c.requirement_id}`, c]));
      const requirements = m.requirements.filter((r) => m.cells.some((c) => c.requirement_id === r.id));
      const unitNames = new Map(units.map((u) => [u.orgUnitId, u.name]));
      if (format) {
        return sendExport(
          reply,
          format,
          `compliance-${unit.name}-${m.asAt}`,
          [
            { header: "Name", value: (p: (typeof m.people)[number]) => p.name },
            { header: "Team", value: (p) => (p.orgUnitId ? (unitNames.get(p.orgUnitId) ?? null) : null) },
            ...requirements.flatMap((r) => [
              {
                header: `${r.code} status`,
                value: (p: (typeof m.people)[number]) => {
                  const c = cells.get(`${p.personId}:${r.id}`);
                  return c ? statusNames[c.status as ComplianceStatus] : "Does not apply";
                },
              },
              {
                header: `${r.code} due`,
                value: (p: (typeof m.people)[number]) => {
                  const c = cells.get(`${p.personId}:${r.id}`);
                  return c?.due_on ? String(c.due_on) : null;
                },
              },
            ]),
          ],
          m.people,
        );
      }
      const pageCount = Math.max(1, Math.ceil(m.total / MATRIX_PAGE_SIZE));
      if (page > pageCount) return reply.code(404).render("errors/404.njk");
      // A page is 50 people by up to 40 requirements: each distinct cell is written once, as HTML,
      // from fixed status names and dates only (no text anyone typed), rather than by a template
      // loop over 2,000 cells.
      const written = new Map<string, string>();
      const cellHtml = (status: string | null, dueOn: string | null): string => {
        const key = `${status}|${dueOn}`;
        let html = written.get(key);
        if (html === undefined) {
          if (status === null) {
            html =
              '<td class="govuk-table__cell"><span class="govuk-visually-hidden">Does not apply </span>–</td>';
          } else {
            const tag = statusTag(status);
            const due = dueOn
              ? ` <span class="govuk-body-s govuk-!-display-block">Due ${dateText(dueOn)}</span>`
              : "";
            html = `<td class="govuk-table__cell"><strong class="govuk-tag ${tag.classes}">${tag.text}</strong>${due}</td>`;
          }
          written.set(key, html);
        }
        return html;
      };
      const href = (p: number) => `/learning/compliance/teams/${unitId}${p > 1 ? `?page=${p}` : ""}`;
      return reply.render("learning/compliance/pages/team/view.njk", {
        pageTitle:
          pageCount > 1
            ? `${unit.name}: compliance (page ${page} of ${pageCount})`
            : `${unit.name}: compliance`,
        unit,
        asAt: m.asAt,
        total: m.total,
        updating: m.fresh ? null : figuresUpdating,
        requirements,
        showTeam: units.some((u) => u.parentId === unitId),
        people: m.people.map((p) => ({
          name: p.name,
          href: `/learning/people/${p.personId}`,
          team: p.orgUnitId ? (unitNames.get(p.orgUnitId) ?? "") : "",
          cellsHtml: requirements
            .map((r) => {
              const c = cells.get(`${p.personId}:${r.id}`);
              return cellHtml(c ? c.status : null, c?.due_on ? String(c.due_on) : null);
            })
            .join(""),
        })),
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
        backHref: `/learning/compliance?unit=${unitId}`,
        exportBase: `/learning/compliance/teams/${unitId}?`,
      });
    },
  );
}
