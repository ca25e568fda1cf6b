import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { SurveyReportGroup } from "../../survey.js";
import type { PageOptions } from "../shared.js";

const permission = earlyCareerPermissions.manage;
const FEWER = "fewer than 5 responses: not shown";

interface AggregateRow {
  programme: string;
  year: string;
  responses: string | number;
  question: string;
  answer: string;
  count: number | null;
}

/** The counts only (never the comments): one row a question and answer, per programme year. */
function aggregateRows(groups: SurveyReportGroup[]): AggregateRow[] {
  return groups.flatMap((g): AggregateRow[] => {
    const base = { programme: g.programme, year: g.year };
    if (!g.shown) return [{ ...base, responses: "fewer than 5", question: FEWER, answer: "", count: null }];
    const rows = (question: string, items: Array<{ text: string; count: number }>) =>
      items.map((i) => ({ ...base, responses: g.responses, question, answer: i.text, count: i.count }));
    return [
      ...rows("Overall rating", g.overall),
      ...rows("How well the assessor supported them", g.assessorSupport),
      ...rows("Protected caseload and development time kept", g.protectionKept),
      ...rows("Would recommend the programme", g.recommend),
    ];
  });
}

const columns = [
  { header: "Programme", value: (r: AggregateRow) => r.programme },
  { header: "Programme year", value: (r: AggregateRow) => r.year },
  { header: "Responses", value: (r: AggregateRow) => r.responses },
  { header: "Question", value: (r: AggregateRow) => r.question },
  { header: "Answer", value: (r: AggregateRow) => r.answer },
  { header: "Count", value: (r: AggregateRow) => r.count },
];

/**
 * `/early-career/survey/report`: the end-of-programme survey by programme and programme year
 * (September to August), shown only where at least 5 answered; the download has the counts only.
 */
export async function surveyReportRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/early-career/survey/report",
    { config: { permission } },
    async (request, reply) => {
      const groups = await opts.survey.report(request.tenantContext());
      const format = exportFormat(request.query.format);
      if (format) return sendExport(reply, format, "early-career-survey", columns, aggregateRows(groups));
      const percent = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);
      const withShare = (g: SurveyReportGroup, items: Array<{ text: string; count: number }>) =>
        items.map((i) => ({ ...i, percent: percent(i.count, g.responses) }));
      return reply.render("early-career/programmes/pages/survey-report/view.njk", {
        pageTitle: "End of programme survey results",
        fewer: FEWER,
        groups: groups.map((g) => ({
          ...g,
          questions: g.shown
            ? [
                { key: "overall", title: "Overall rating", items: withShare(g, g.overall) },
                {
                  key: "assessor",
                  title: "How well their assessor supported them",
                  items: withShare(g, g.assessorSupport),
                },
                {
                  key: "protection",
                  title: "Protected caseload and development time kept",
                  items: withShare(g, g.protectionKept),
                },
                {
                  key: "recommend",
                  title: "Would recommend the programme",
                  items: withShare(g, g.recommend),
                },
              ]
            : [],
        })),
      });
    },
  );
}
