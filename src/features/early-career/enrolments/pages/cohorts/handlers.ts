import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { CohortRow } from "../../enrolments.repository.js";
import { cohortHref, dateText, type PageOptions } from "../shared.js";

const cohortColumns = [
  { header: "Cohort", value: (c: CohortRow) => c.name },
  { header: "Programme", value: (c: CohortRow) => c.programmeName },
  { header: "Intake date", value: (c: CohortRow) => c.intakeOn },
  { header: "Co-ordinator", value: (c: CohortRow) => c.coordinatorName },
  { header: "Enrolled", value: (c: CohortRow) => c.total },
  { header: "Active", value: (c: CohortRow) => c.active },
  { header: "Passed", value: (c: CohortRow) => c.passed },
  { header: "Not passed", value: (c: CohortRow) => c.failed },
  { header: "Withdrawn", value: (c: CohortRow) => c.withdrawn },
];

/** `/early-career/cohorts`: every intake with its counts (co-ordinator). */
export async function cohortsRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/early-career/cohorts",
    { config: { permission: earlyCareerPermissions.manage } },
    async (request, reply) => {
      const cohorts = await enrolments.cohorts(request.tenantContext());
      const format = exportFormat(request.query.format);
      if (format)
        return sendExport(
          reply,
          format,
          `early-career-cohorts-${enrolments.today()}`,
          cohortColumns,
          cohorts,
        );
      return reply.render("early-career/enrolments/pages/cohorts/view.njk", {
        pageTitle: "Cohorts",
        notification: takeNotice(request),
        cohorts: cohorts.map((c) => ({ ...c, href: cohortHref(c.id), intake: dateText(c.intakeOn) })),
      });
    },
  );
}
