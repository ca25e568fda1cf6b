import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { pageNumber, paginationItems } from "../../../../../platform/http/pagination.js";
import { workforcePermissions } from "../../../permissions.js";
import type { WorkforceFeedService } from "../../feeds.service.js";
import { workforceFeedFolders } from "../../folder.js";
import { feedKindPages, kindNames, triggerNames } from "../kinds.js";

const PAGE_SIZE = 50;

/** `/workforce/feeds`: every file the workforce feeds took, newest first, and where to upload. */
export async function runsRoutes(app: FastifyInstance, opts: { feeds: WorkforceFeedService }) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/workforce/feeds",
    { config: { permission: workforcePermissions.manage, councilWide: true } },
    async (request, reply) => {
      const page = pageNumber(request.query.page);
      const { rows, total } = await opts.feeds.runs(request.tenantContext(), {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (page > pageCount) return reply.code(404).render("errors/404.njk");
      return reply.render("workforce/feeds/pages/runs/view.njk", {
        pageTitle: "Workforce feeds",
        feeds: Object.values(feedKindPages).map((p) => ({
          title: p.title,
          source: p.source,
          href: `/workforce/feeds/${p.kind}/upload`,
          folder: workforceFeedFolders[p.kind],
        })),
        runs: rows.map((r) => ({
          ...r,
          href: `/workforce/feeds/runs/${r.id}`,
          kindName: kindNames[r.kind] ?? r.kind,
          triggerName: triggerNames[r.trigger] ?? r.trigger,
        })),
        total,
        pagination:
          pageCount > 1
            ? paginationItems(page, pageCount, (p) => `/workforce/feeds${p > 1 ? `?page=${p}` : ""}`)
            : null,
        notification: takeNotice(request),
      });
    },
  );
}
