import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { cpdPermissions } from "../../../permissions.js";
import type { RegisterCheckRow } from "../../registration.repository.js";
import {
  can,
  notFound,
  PAGE_SIZE,
  type PageOptions,
  pageNumber,
  paginationView,
  queryString,
  readUnitFilter,
  sweStatusName,
} from "../shared.js";

/** Why a person is on the register check list. */
function reason(r: RegisterCheckRow, deadline: string): string {
  if (r.sweStatus === "suspended" || r.sweStatus === "removed")
    return `Registration ${sweStatusName(r.sweStatus).toLowerCase()}`;
  if (r.changedOn) {
    return `Changed from ${sweStatusName(r.changedFrom).toLowerCase()} to ${sweStatusName(r.changedTo).toLowerCase()} on ${formatDate(r.changedOn, false)}`;
  }
  return `Not checked since ${formatDate(deadline, false)}`;
}

/**
 * `/cpd/registration/register-check`: after the 30 November deadline, the people in scope whose
 * registration lapsed or changed, or who have not been checked since, for managers and HR.
 */
export async function registerCheckRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd/registration/register-check",
    { config: { permission: cpdPermissions.viewPeople } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = request.scope(cpdPermissions.viewPeople);
      const filter = await readUnitFilter(opts.registration, ctx, scope, request.query.unit);
      if (!filter) return notFound(reply);
      const { unitId, unitIds, unitNames, unitItems } = filter;
      const year = opts.registration.yearJustEnded();
      const format = exportFormat(request.query.format);
      const page = format ? 1 : pageNumber(request.query.page);
      const pageSize = format ? 1_000_000 : PAGE_SIZE;
      const result = await opts.registration.registerCheck(ctx, scope, { unitIds, page, pageSize });
      if (format) {
        return sendExport(
          reply,
          format,
          `register-check-${year.endYear}`,
          [
            { header: "Name", value: (r: RegisterCheckRow) => r.name },
            { header: "Team", value: (r) => unitNames.get(r.orgUnitId) ?? null },
            { header: "Registration number", value: (r) => r.sweNumber },
            { header: "Status", value: (r) => sweStatusName(r.sweStatus) },
            { header: "Why listed", value: (r) => reason(r, year.endsOn) },
            { header: "Last checked", value: (r) => r.lastCheckedOn },
          ],
          result.rows,
        );
      }
      const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const manage = can(app, request, cpdPermissions.manageRegistration);
      return reply.render("cpd/registration/pages/register-check/view.njk", {
        pageTitle: `Register check after ${formatDate(year.endsOn, false)}${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}`,
        year,
        total: result.total,
        unitItems,
        rows: result.rows.map((r) => ({
          name: r.name,
          href: `/cpd/people/${r.personId}`,
          team: unitNames.get(r.orgUnitId) ?? "",
          sweNumber: r.sweNumber,
          status: sweStatusName(r.sweStatus),
          reason: reason(r, year.endsOn),
          lastCheckedOn: r.lastCheckedOn,
          checkHref: manage ? `/cpd/registration/people/${r.personId}/check` : null,
        })),
        manage,
        pagination: paginationView(
          page,
          pageCount,
          (p) => `/cpd/registration/register-check${queryString({ unit: unitId, page: p > 1 ? p : null })}`,
        ),
        exportCsv: `/cpd/registration/register-check${queryString({ unit: unitId, format: "csv" })}`,
        exportXlsx: `/cpd/registration/register-check${queryString({ unit: unitId, format: "xlsx" })}`,
      });
    },
  );
}
