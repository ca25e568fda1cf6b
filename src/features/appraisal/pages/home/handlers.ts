import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../platform/http/notice.js";
import { type CohortLine, subtree } from "../../appraisal.service.js";
import { appraisalPermissions } from "../../permissions.js";
import { statusText } from "../../status.js";
import {
  appraisalHref,
  can,
  cycleHref,
  dateText,
  isUuid,
  notFound,
  type PageOptions,
  startHref,
  statusTags,
} from "../shared.js";

/**
 * `/appraisal`: the viewer's own appraisals (the current cycle's first) and, for those who record
 * appraisals, their people's appraisals in the current cycle with their status (`?unit=` filters
 * to a team; `?format=csv|xlsx` downloads the list).
 */
export async function homeRoutes(app: FastifyInstance, opts: PageOptions) {
  const { appraisals } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/appraisal",
    { config: { permission: appraisalPermissions.view } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const me = request.principal?.personId ?? null;
      const records = can(app, request, appraisalPermissions.record);
      const scope = request.scope(appraisalPermissions.record);
      const unitParam =
        typeof request.query.unit === "string" && request.query.unit !== "" ? request.query.unit : null;
      const [own, cycle, tree] = await Promise.all([
        me ? appraisals.personAppraisals(ctx, me) : Promise.resolve([]),
        appraisals.currentCycle(ctx),
        records ? app.people.orgTree(ctx, scope) : Promise.resolve(null),
      ]);
      const units = tree?.rows ?? [];
      if (unitParam !== null && (!isUuid(unitParam) || !units.some((u) => u.orgUnitId === unitParam)))
        return notFound(reply);
      const people =
        records && cycle
          ? await appraisals.cohortToday(ctx, scope, cycle, {
              excludePersonId: me,
              unitIds: unitParam ? [...subtree(units, unitParam)] : null,
            })
          : [];

      const format = exportFormat(request.query.format);
      if (format && records && cycle) {
        return sendExport(
          reply,
          format,
          `appraisals-${cycle.name}`,
          [
            { header: "Name", value: (p: CohortLine) => p.name },
            { header: "Team", value: (p: CohortLine) => p.unitName },
            { header: "Appraiser", value: (p: CohortLine) => p.appraiserName ?? "" },
            { header: "Status", value: (p: CohortLine) => statusText(p.status) },
            { header: "Objectives agreed", value: (p: CohortLine) => p.objectivesAgreedOn ?? "" },
            { header: "Mid-year review", value: (p: CohortLine) => p.midYearOn ?? "" },
            { header: "Completed", value: (p: CohortLine) => p.completedOn ?? "" },
          ],
          people,
        );
      }

      const today = appraisals.today();
      const ownSorted = [...own].sort((a, b) => Number(b.current) - Number(a.current));
      const overdue = people.filter((p) => p.status.overdue.length > 0).length;
      return reply.render("appraisal/pages/home/view.njk", {
        pageTitle: "Appraisal",
        notification: takeNotice(request),
        hasPerson: me !== null,
        own: ownSorted.map((a) => ({
          href: appraisalHref(a.appraisalId),
          cycle: a.name,
          current: a.current,
          appraiser: a.appraiserName ?? "Not named",
          tags: statusTags(a.status),
          completed: a.completedOn ? dateText(a.completedOn) : null,
        })),
        records,
        cycle: cycle
          ? {
              name: cycle.name,
              href: cycleHref(cycle.id),
              objectivesDue: dateText(cycle.objectivesDueOn),
              midYearDue: dateText(cycle.midYearDueOn),
              completionDue: dateText(cycle.completionDueOn),
              underWay: cycle.startsOn <= today && cycle.endsOn >= today,
            }
          : null,
        people: people.map((p) => ({
          name: p.name,
          href: p.appraisalId ? appraisalHref(p.appraisalId) : null,
          startHref: startHref(p.personId),
          team: p.unitName,
          appraiser: p.appraiserName ?? "",
          tags: statusTags(p.status),
        })),
        overdue,
        unitItems: [
          { value: "", text: "All teams" },
          ...units.map((u) => ({
            value: u.orgUnitId,
            text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
            selected: u.orgUnitId === unitParam,
          })),
        ],
        exportBase: `/appraisal?${unitParam ? `unit=${unitParam}&` : ""}`,
      });
    },
  );
}
