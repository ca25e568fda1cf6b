import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../platform/http/notice.js";
import { caseloadPermissions } from "../../permissions.js";
import {
  can,
  isUuid,
  notFound,
  PAGE_SIZE,
  type PageOptions,
  pageNumber,
  paginationItems,
} from "../shared.js";

const permission = caseloadPermissions.view;

const sourceNames: Record<string, string> = {
  feed: "Case management system feed",
  upload: "Case management system file (uploaded)",
  typed: "Typed by managers",
};

/**
 * `/caseloads/snapshots` and `/caseloads/snapshots/:snapshotId`: the snapshots (a council-wide
 * list: dates and counts only) and a snapshot's row-by-row report (rows refused and why; HR sees
 * the rows, others the counts).
 */
export async function snapshotsRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/caseloads/snapshots",
    { config: { permission } },
    async (request, reply) => {
      const page = pageNumber(request.query.page);
      const { rows, total } = await opts.caseloads.snapshots(request.tenantContext(), {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      return reply.render("caseloads/pages/snapshots/list.njk", {
        pageTitle: "Caseload snapshots",
        rows: rows.map((r) => ({
          ...r,
          href: `/caseloads/snapshots/${r.id}`,
          sourceName: sourceNames[r.source],
        })),
        pagination:
          pageCount > 1
            ? paginationItems(page, pageCount, (p) => `/caseloads/snapshots${p > 1 ? `?page=${p}` : ""}`)
            : null,
        canManage: can(app, request, caseloadPermissions.manage),
      });
    },
  );

  app.get<{ Params: { snapshotId: string } }>(
    "/caseloads/snapshots/:snapshotId",
    { config: { permission } },
    async (request, reply) => {
      const { snapshotId } = request.params;
      if (!isUuid(snapshotId)) return notFound(reply);
      const snapshot = await opts.caseloads.snapshot(request.tenantContext(), snapshotId);
      if (!snapshot) return notFound(reply);
      return reply.render("caseloads/pages/snapshots/view.njk", {
        pageTitle: `Caseload snapshot as at ${snapshot.asAt}`,
        snapshot: { ...snapshot, sourceName: sourceNames[snapshot.source] },
        // The refused rows quote the file's worker ids: for those who manage the file only.
        rejected: can(app, request, caseloadPermissions.manage)
          ? snapshot.report.filter((r) => r.outcome === "rejected")
          : [],
        notification: takeNotice(request),
      });
    },
  );
}
