import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { pageNumber, paginationItems } from "../../../../../platform/http/pagination.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { countByRag, type DashboardRow, DashboardService } from "../../dashboard.service.js";
import { caseloadText, developmentTimeText } from "../../protection.js";
import { type Rag, ragNames, rags } from "../../rag.js";
import { type Bar, enrolmentHref, notFound } from "../shared.js";

export const PAGE_SIZE = 50;
const ragColours: Record<Rag, string> = { red: "#d4351c", amber: "#f47738", green: "#00703c" };

const coverageText = (r: DashboardRow) =>
  r.coverage ? `${r.coverage.covered} of ${r.coverage.total} standards` : "";
const caseloadCell = (r: DashboardRow) => (r.protection ? caseloadText(r.protection) : "");
/** The NQSWs by RAG as bars (lengths against the largest count) and as table rows. */
export function ragSummary(rows: Array<{ rag: Rag }>) {
  const counts = countByRag(rows);
  const most = Math.max(1, ...rags.map((r) => counts[r]));
  const bars: Bar[] = rags.map((r) => ({
    label: `${ragNames[r]}: ${counts[r]} ${counts[r] === 1 ? "NQSW" : "NQSWs"}`,
    percent: Math.round((counts[r] / most) * 100),
    colour: ragColours[r],
  }));
  return { counts, bars, table: rags.map((r) => ({ rag: r, name: ragNames[r], count: counts[r] })) };
}

/**
 * `/early-career/dashboard`: every active NQSW (`?cohort=` and `?rag=` filter) with their next
 * milestone, RAG and why, evidence coverage and caseload against protection; counts by RAG and
 * cohort cards above; with a cohort chosen, that cohort's milestones due in the next 30 days and
 * those overdue. CSV and Excel export the filtered list. The co-ordinator's.
 */
export async function dashboardRoutes(app: FastifyInstance, opts: { dashboard: DashboardService }) {
  const { dashboard } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/early-career/dashboard",
    { config: { permission: earlyCareerPermissions.manage } },
    async (request, reply) => {
      const query = request.query;
      const data = await dashboard.dashboard(request.tenantContext());
      let cohort = null;
      if (typeof query.cohort === "string" && query.cohort !== "") {
        cohort = isUuid(query.cohort) ? (data.cohorts.find((c) => c.id === query.cohort) ?? null) : null;
        if (!cohort) return notFound(reply);
      }
      const rag = (rags as readonly string[]).includes(String(query.rag)) ? (query.rag as Rag) : null;
      const inCohort = cohort ? data.rows.filter((r) => r.cohortId === cohort.id) : data.rows;
      const listed = rag ? inCohort.filter((r) => r.rag === rag) : inCohort;

      const format = exportFormat(query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `early-career-dashboard${cohort ? `-${cohort.name}` : ""}${rag ? `-${rag}` : ""}`,
          [
            { header: "Name", value: (r: DashboardRow) => r.name },
            { header: "Cohort", value: (r: DashboardRow) => r.cohortName },
            { header: "Team", value: (r: DashboardRow) => r.team },
            { header: "Assessor", value: (r: DashboardRow) => r.assessorName },
            { header: "Next milestone", value: (r: DashboardRow) => r.next?.name ?? "" },
            { header: "Due", value: (r: DashboardRow) => (r.next ? formatDate(r.next.dueOn, false) : "") },
            { header: "Overdue", value: (r: DashboardRow) => (r.next?.overdue ? "Yes" : "No") },
            { header: "RAG", value: (r: DashboardRow) => ragNames[r.rag] },
            { header: "Why", value: (r: DashboardRow) => r.reasons.join("; ") },
            { header: "Evidence coverage", value: coverageText },
            { header: "Caseload against protection", value: caseloadCell },
            {
              header: "Development time",
              value: (r: DashboardRow) => (r.protection ? developmentTimeText(r.protection) : ""),
            },
          ],
          listed,
        );
      }

      const params = (extra: Record<string, string>) => {
        const p = new URLSearchParams();
        if (cohort) p.set("cohort", cohort.id);
        if (rag) p.set("rag", rag);
        for (const [k, v] of Object.entries(extra)) p.set(k, v);
        return p.toString();
      };
      const pageCount = Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
      const page = Math.min(pageNumber(query.page), pageCount);
      const shown = listed.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const milestones = cohort
        ? DashboardService.cohortMilestones(data, new Set(inCohort.map((r) => r.enrolmentId)))
        : null;
      const dueRow = (m: { enrolmentId: string; name: string; milestone: string; dueOn: string }) => ({
        href: enrolmentHref(m.enrolmentId),
        name: m.name,
        milestone: m.milestone,
        dueOn: m.dueOn,
      });

      return reply.render("early-career/dashboard/pages/dashboard/view.njk", {
        pageTitle: cohort ? `Early career dashboard: ${cohort.name}` : "Early career dashboard",
        cohort: cohort ? { ...cohort, href: `/early-career/cohorts/${cohort.id}` } : null,
        rag,
        ragName: rag ? ragNames[rag] : null,
        cohortItems: [
          { value: "", text: "All cohorts", selected: !cohort },
          ...data.cohorts.map((c) => ({ value: c.id, text: c.name, selected: c.id === cohort?.id })),
        ],
        ragItems: [
          { value: "", text: "Any", selected: !rag },
          ...rags.map((r) => ({ value: r, text: ragNames[r], selected: r === rag })),
        ],
        summary: ragSummary(inCohort),
        total: inCohort.length,
        cards: cohort
          ? []
          : data.cards.map((c) => ({ ...c, href: `/early-career/dashboard?cohort=${c.id}` })),
        dueSoon: milestones?.dueSoon.map(dueRow) ?? [],
        overdue: milestones?.overdue.map(dueRow) ?? [],
        rows: shown.map((r) => ({
          href: enrolmentHref(r.enrolmentId),
          protectionHref: `${enrolmentHref(r.enrolmentId)}/protection`,
          name: r.name,
          cohort: r.cohortName,
          team: r.team ?? "",
          assessor: r.assessorName ?? "Not named",
          next: r.next,
          rag: r.rag,
          ragName: ragNames[r.rag],
          reasons: r.reasons,
          coverage: coverageText(r),
          caseload: caseloadCell(r),
          breached: r.protection
            ? r.protection.caseload.breached || r.protection.developmentTime.breached
            : false,
          time: r.protection?.developmentTime.breached ? developmentTimeText(r.protection) : "",
        })),
        listedCount: listed.length,
        pagination:
          pageCount > 1
            ? paginationItems(
                page,
                pageCount,
                (n) => `/early-career/dashboard?${params({ page: String(n) })}`,
              )
            : null,
        exportBase: `/early-career/dashboard?${params({})}${cohort || rag ? "&" : ""}`,
      });
    },
  );
}
