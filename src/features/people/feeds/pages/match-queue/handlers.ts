import type { FastifyInstance } from "fastify";
import { formatDate } from "../../../../../platform/views/render.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import { feedsHome, takeNotice } from "../shared.js";

/** `/people/feeds/match-queue`: rows that matched no one, waiting for HR to say who each is. */
export async function matchQueueRoutes(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  app.get(
    `${feedsHome}/match-queue`,
    { config: { permission: peoplePermissions.manageFeeds, councilWide: true } },
    async (request, reply) => {
      const queue = await opts.service.matchQueue(request.tenantContext());
      return reply.render("people/feeds/pages/match-queue/view.njk", {
        pageTitle: "Match queue",
        notification: takeNotice(request),
        rows: queue.map((r) => ({
          href: `${feedsHome}/match-queue/${r.run_id}/${r.row_number}`,
          externalId: r.external_id ?? "",
          name: [r.data?.given_name, r.data?.family_name].filter(Boolean).join(" "),
          file: r.filename,
          fileHref: `${feedsHome}/runs/${r.run_id}`,
          received: formatDate(r.created_at, false),
          source: r.source_name,
        })),
      });
    },
  );
}
