import type { FastifyInstance } from "fastify";
import { formatDate } from "../../../../../platform/views/render.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import { count, feedsHome, statusTag, takeNotice, triggerName } from "../shared.js";

/** `/people/feeds`: the HR feed's sources, recent files, and what waits for HR. */
export async function overviewRoutes(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  app.get(
    feedsHome,
    { config: { permission: peoplePermissions.manageFeeds, councilWide: true } },
    async (request, reply) => {
      const view = await opts.service.overview(request.tenantContext());
      return reply.render("people/feeds/pages/overview/view.njk", {
        pageTitle: "HR feeds",
        notification: takeNotice(request),
        sources: view.sources.map((s) => ({
          ...s,
          href: `${feedsHome}/sources/${s.id}`,
          folder: s.folder_name ?? "",
        })),
        runs: view.runs.map((r) => ({
          href: `${feedsHome}/runs/${r.id}`,
          filename: r.filename,
          source: r.source_name,
          how: triggerName(r),
          received: formatDate(r.created_at, true),
          tag: statusTag(r.status),
          summary:
            r.counts && (r.status === "imported" || r.status === "previewed")
              ? `${count(r.counts.create)} new, ${count(r.counts.update)} updated, ${count(r.counts.reject)} rejected`
              : "",
        })),
        queueCount: count(view.queueCount),
        leaverCount: count(view.leaverCount),
        hasQueue: view.queueCount > 0,
        hasLeavers: view.leaverCount > 0,
      });
    },
  );
}
