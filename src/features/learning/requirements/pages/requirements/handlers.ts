import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { RequirementsService } from "../../requirements.service.js";
import { audienceNames, audienceText, can, dueSoonText, dueText, graceText, renewalText } from "../shared.js";

/** `/learning/requirements`: the mandatory requirements, with the rules in force today. */
export async function requirementsListRoutes(
  app: FastifyInstance,
  opts: { requirements: RequirementsService },
) {
  app.get(
    "/learning/requirements",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const [list, names] = await Promise.all([opts.requirements.list(ctx), audienceNames(app, request)]);
      const rows = list.map((r) => ({
        id: r.requirement.id,
        code: r.requirement.code,
        title: r.requirement.title,
        state: r.state,
        validFrom: r.version?.validFrom ?? null,
        courses: r.courses.map((c) => c.title),
        audience: r.version ? audienceText(r.version, names) : [],
        due: r.version ? dueText(r.version) : "",
        renewal: r.version ? renewalText(r.version) : "",
        grace: r.version ? graceText(r.version) : "",
        dueSoon: r.version ? dueSoonText(r.version) : "",
      }));
      const format = exportFormat((request.query as { format?: unknown }).format);
      if (format) {
        return sendExport(
          reply,
          format,
          "mandatory-requirements",
          [
            { header: "Code", value: (r: (typeof rows)[number]) => r.code },
            { header: "Title", value: (r) => r.title },
            { header: "Rules from", value: (r) => r.validFrom },
            { header: "Courses that meet it", value: (r) => r.courses.join("; ") },
            { header: "Who it applies to", value: (r) => r.audience.join("; ") },
            { header: "Due within", value: (r) => r.due },
            { header: "Renewal", value: (r) => r.renewal },
            { header: "Grace period", value: (r) => r.grace },
            { header: "Due soon", value: (r) => r.dueSoon },
          ],
          rows,
        );
      }
      return reply.render("learning/requirements/pages/requirements/view.njk", {
        pageTitle: "Mandatory requirements",
        notification: takeNotice(request),
        rows,
        canManage: can(app, request, learningPermissions.manageRequirements),
      });
    },
  );
}
