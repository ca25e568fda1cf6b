import type { FastifyInstance } from "fastify";
import { formatDate } from "../../../../../platform/views/render.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import { feedsHome, takeNotice } from "../shared.js";

/** `/people/feeds/possible-leavers`: people missing from a full extract, for HR to confirm or dismiss. */
export async function possibleLeaversRoutes(
  app: FastifyInstance,
  opts: { service: FeedsService },
): Promise<void> {
  app.get(
    `${feedsHome}/possible-leavers`,
    { config: { permission: peoplePermissions.manageFeeds, councilWide: true } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const [list, total] = await Promise.all([
        opts.service.possibleLeavers(ctx),
        opts.service.countPossibleLeavers(ctx),
      ]);
      return reply.render("people/feeds/pages/possible-leavers/view.njk", {
        pageTitle: "Possible leavers",
        notification: takeNotice(request),
        total: total.toLocaleString("en-GB"),
        more: total > list.length,
        rows: list.map((l) => ({
          name: `${l.given_name} ${l.family_name}`,
          personHref: `/people/${l.person_id}`,
          externalId: l.external_id,
          file: l.filename,
          fileHref: `${feedsHome}/runs/${l.run_id}`,
          flagged: formatDate(l.flagged_on, false),
          href: `${feedsHome}/possible-leavers/${l.id}`,
        })),
      });
    },
  );
}
