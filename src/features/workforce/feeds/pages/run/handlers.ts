import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { workforcePermissions } from "../../../permissions.js";
import type { FeedReportRow } from "../../../schema.js";
import type { WorkforceFeedService } from "../../feeds.service.js";
import { kindNames, triggerNames } from "../kinds.js";

/**
 * `/workforce/feeds/runs/:feedRunId`: a file's report (its counts and each refused row with why),
 * and `?format=csv|xlsx` the refused rows to send back to whoever made the file.
 */
export async function runRoutes(app: FastifyInstance, opts: { feeds: WorkforceFeedService }) {
  app.get<{ Params: { feedRunId: string }; Querystring: Record<string, unknown> }>(
    "/workforce/feeds/runs/:feedRunId",
    { config: { permission: workforcePermissions.manage, councilWide: true } },
    async (request, reply) => {
      const { feedRunId } = request.params;
      const run = isUuid(feedRunId) ? await opts.feeds.run(request.tenantContext(), feedRunId) : undefined;
      if (!run) return reply.code(404).render("errors/404.njk");
      const refused = run.report.filter((r) => r.outcome === "rejected");
      const format = exportFormat(request.query.format);
      if (format)
        return sendExport<FeedReportRow>(
          reply,
          format,
          `refused-rows-${run.kind}-${run.created_at.toISOString().slice(0, 10)}`,
          [
            { header: "Row", value: (r) => r.row },
            { header: "Why it was refused", value: (r) => r.message },
          ],
          refused,
        );
      return reply.render("workforce/feeds/pages/run/view.njk", {
        pageTitle: `${kindNames[run.kind] ?? run.kind} file ${run.filename}`,
        run: {
          ...run,
          kindName: kindNames[run.kind] ?? run.kind,
          triggerName: triggerNames[run.trigger] ?? run.trigger,
        },
        refused,
        exportBase: `/workforce/feeds/runs/${run.id}?`,
        notification: takeNotice(request),
      });
    },
  );
}
