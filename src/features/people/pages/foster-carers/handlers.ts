import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { paginationItems } from "../../../../platform/http/pagination.js";
import type { HouseholdRow } from "../../pages.queries.js";
import { peoplePermissions } from "../../permissions.js";
import { fosterApprovalTypeNames, type Query, queryString, queryText, readAsAt } from "../shared.js";

const PAGE_SIZE = 50;

/** `/foster-carers`: approved foster carer households as at a date. */
export async function fosterCarerRoutes(app: FastifyInstance): Promise<void> {
  app.get("/foster-carers", { config: { permission: peoplePermissions.view } }, async (request, reply) => {
    const query = request.query as Query;
    const asAt = readAsAt(query, app.people.today());
    if (asAt.fromParts && asAt.errorSummary.length === 0) {
      return reply.redirect(`/foster-carers${queryString({ asAt: asAt.param })}`);
    }
    const ctx = request.tenantContext();
    const format = exportFormat(query.format);
    if (format) {
      const { rows } = await app.people.fosterHouseholds(ctx, request.scope(), asAt.asAt, {
        limit: 100_000,
        offset: 0,
      });
      return sendExport(
        reply,
        format,
        `foster-carer-households-${asAt.asAt}`,
        [
          { header: "Reference", value: (h: HouseholdRow) => h.reference },
          { header: "Household", value: (h) => h.name },
          {
            header: "Approval type",
            value: (h) => fosterApprovalTypeNames[h.approvalType] ?? h.approvalType,
          },
          { header: "Approved on", value: (h) => h.approvedOn },
          { header: "Supervising social worker", value: (h) => h.supervisingSocialWorkerName },
          { header: "Annual review due", value: (h) => h.annualReviewDueOn },
          { header: "Carers", value: (h) => h.carers },
        ],
        rows,
      );
    }
    const requested = Number(queryText(query, "page"));
    const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
    const { total, rows } = await app.people.fosterHouseholds(ctx, request.scope(), asAt.asAt, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageHref = (n: number) =>
      `/foster-carers${queryString({ asAt: asAt.param, page: n === 1 ? "" : n })}`;
    return reply.code(asAt.errorSummary.length ? 400 : 200).render("people/pages/foster-carers/view.njk", {
      pageTitle: page > 1 ? `Foster carers (page ${page} of ${pageCount})` : "Foster carers",
      asAt: asAt.asAt,
      asAtView: asAt,
      errorSummary: asAt.errorSummary,
      total,
      households: rows.map((h) => ({
        href: `/foster-carers/${h.id}`,
        reference: h.reference,
        name: h.name,
        approvalType: fosterApprovalTypeNames[h.approvalType] ?? h.approvalType,
        approvedOn: h.approvedOn,
        ssw: h.supervisingSocialWorkerName,
        sswHref: h.supervisingSocialWorkerId ? `/people/${h.supervisingSocialWorkerId}` : null,
        reviewDue: h.annualReviewDueOn,
        reviewOverdue: h.annualReviewDueOn !== null && h.annualReviewDueOn < asAt.asAt,
      })),
      pagination: pageCount > 1 ? paginationItems(page, pageCount, pageHref) : null,
      exportBase: `/foster-carers${queryString({ asAt: asAt.param })}${asAt.param ? "&" : "?"}`,
    });
  });
}
