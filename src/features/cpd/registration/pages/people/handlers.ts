import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { cpdPermissions } from "../../../permissions.js";
import { inRenewalWindow, missingText, type ReadinessState, stateName } from "../../readiness.js";
import type { ReadinessRow } from "../../registration.repository.js";
import {
  can,
  notFound,
  PAGE_SIZE,
  type PageOptions,
  pageNumber,
  paginationView,
  queryString,
  readUnitFilter,
  stateTag,
  sweStatusName,
} from "../shared.js";

const listedStates: ReadinessState[] = ["not_met", "suspended", "met", "not_required"];
const stateLabels: Record<string, string> = {
  not_met: "Not met yet",
  suspended: "Registration suspended or removed",
  met: "Met",
  not_required: "Not required this year",
};

const missingOf = (r: ReadinessRow) =>
  r.state === "not_met" ? missingText(r.pieces, r.peer).join(" and ") : "";

/**
 * `/cpd/registration/people`: the readiness of everyone registered in the viewer's scope for the
 * current registration year, by team and state, those not yet meeting it first; 50 a page.
 */
export async function peopleRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd/registration/people",
    { config: { permission: cpdPermissions.viewPeople } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = request.scope(cpdPermissions.viewPeople);
      const filter = await readUnitFilter(opts.registration, ctx, scope, request.query.unit);
      if (!filter) return notFound(reply);
      const { unitId, unitIds, unitNames, unitItems } = filter;
      const rawState = request.query.state;
      const state = listedStates.find((s) => s === rawState) ?? null;
      const year = opts.registration.currentYear();
      const format = exportFormat(request.query.format);
      if (format) {
        const rows = await opts.registration.teamReadinessAll(ctx, scope, { unitIds, state }, year);
        return sendExport(
          reply,
          format,
          `swe-readiness-${year.endYear}`,
          [
            { header: "Name", value: (r: ReadinessRow) => r.name },
            { header: "Team", value: (r) => unitNames.get(r.orgUnitId) ?? null },
            { header: "Registration number", value: (r) => r.sweNumber },
            { header: "Registration status", value: (r) => sweStatusName(r.sweStatus) },
            { header: "Readiness", value: (r) => stateName(r.state, r.sweStatus) },
            { header: "Pieces of CPD", value: (r) => r.pieces },
            { header: "Peer reflection", value: (r) => (r.peer ? "Yes" : "No") },
            { header: "What is missing", value: missingOf },
            { header: "Last register check", value: (r) => r.lastCheckedOn },
          ],
          rows,
        );
      }
      const page = pageNumber(request.query.page);
      const result = await opts.registration.teamReadiness(
        ctx,
        scope,
        { unitIds, state, page, pageSize: PAGE_SIZE },
        year,
      );
      const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const href = (p: number) =>
        `/cpd/registration/people${queryString({ unit: unitId, state, page: p > 1 ? p : null })}`;
      const today = opts.registration.today();
      const manage = can(app, request, cpdPermissions.manageRegistration);
      const count = (s: string) => (result.counts[s] as number | undefined) ?? 0;
      return reply.render("cpd/registration/pages/people/view.njk", {
        pageTitle: `Social Work England readiness ${year.name}${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}`,
        year,
        inWindow: inRenewalWindow(today),
        counts: listedStates.map((s) => ({
          state: s,
          label: stateLabels[s],
          count: count(s),
          href: `/cpd/registration/people${queryString({ unit: unitId, state: s })}`,
        })),
        total: result.total,
        unitItems,
        stateItems: [
          { value: "", text: "Any" },
          ...listedStates.map((s) => ({ value: s, text: stateLabels[s], selected: s === state })),
        ],
        rows: result.rows.map((r) => ({
          name: r.name,
          href: `/cpd/people/${r.personId}`,
          team: unitNames.get(r.orgUnitId) ?? "",
          sweNumber: r.sweNumber,
          tag: stateTag(r.state, r.sweStatus),
          missing: missingOf(r),
          lastCheckedOn: r.lastCheckedOn,
          checkHref: manage ? `/cpd/registration/people/${r.personId}/check` : null,
        })),
        pagination: paginationView(page, pageCount, href),
        exportCsv: `/cpd/registration/people${queryString({ unit: unitId, state, format: "csv" })}`,
        exportXlsx: `/cpd/registration/people${queryString({ unit: unitId, state, format: "xlsx" })}`,
        manage,
        notification: takeNotice(request),
      });
    },
  );
}
