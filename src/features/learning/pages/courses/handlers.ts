import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../platform/http/notice.js";
import { queryString } from "../../../../platform/http/query-string.js";
import { can } from "../../../../platform/http/request-helpers.js";
import type { CatalogueService } from "../../catalogue.service.js";
import { learningPermissions } from "../../permissions.js";
import {
  deliveries,
  deliveryNames,
  practiceModelStrands,
  type Tier,
  tierGroups,
  tierNames,
  tiers,
} from "../../reference.js";
import { deliveryName, hoursText, tierGroupName } from "../shared.js";

const PAGE_SIZE = 50;

/** `/learning/courses`: the catalogue as a GOV.UK finder, filtered by tier, group, delivery and strand. */
export async function coursesRoutes(app: FastifyInstance, opts: { catalogue: CatalogueService }) {
  app.get(
    "/learning/courses",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const text = (k: string) => (typeof query[k] === "string" ? (query[k] as string).trim() : "");
      const tier = (tiers as readonly string[]).includes(text("tier")) ? (text("tier") as Tier) : undefined;
      const group = tier && text("group") in tierGroups[tier] ? text("group") : undefined;
      const delivery = (deliveries as readonly string[]).includes(text("delivery"))
        ? text("delivery")
        : undefined;
      const strand = (practiceModelStrands as readonly string[]).includes(text("strand"))
        ? text("strand")
        : undefined;
      const filter = { q: text("q").slice(0, 200) || undefined, tier, group, delivery, strand };
      const page = Math.max(1, Math.min(10_000, Number(text("page")) || 1));
      const ctx = request.tenantContext();
      const format = exportFormat(query.format);
      if (format) {
        const { rows } = await opts.catalogue.find(ctx, filter, 1, 100_000);
        return sendExport(
          reply,
          format,
          "courses",
          [
            { header: "Code", value: (c: (typeof rows)[number]) => c.code },
            { header: "Title", value: (c) => c.title },
            { header: "Tier and group", value: (c) => tierGroupName(c.tier, c.group) },
            {
              header: "Practice model",
              value: (c) => [c.strand, c.strandLevel].filter(Boolean).join(": ") || null,
            },
            { header: "Delivery", value: (c) => deliveryName(c.delivery) },
            {
              header: "Length (hours)",
              value: (c) => (c.durationHours === null ? null : Number(c.durationHours)),
            },
            { header: "Provider", value: (c) => c.provider },
            { header: "Who it is for", value: (c) => c.audience },
          ],
          rows,
        );
      }
      const result = await opts.catalogue.find(ctx, filter, page, PAGE_SIZE);
      const params = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<
        string,
        string
      >;
      const href = (extra: Record<string, string>) =>
        `/learning/courses${queryString({ ...params, ...extra })}`;
      const option = (value: string, label: string, chosen: string | undefined) => ({
        value,
        text: label,
        ...(value === (chosen ?? "") ? { selected: true } : {}),
      });
      return reply.render("learning/pages/courses/view.njk", {
        pageTitle: result.page > 1 ? `Courses (page ${result.page} of ${result.pageCount})` : "Courses",
        notification: takeNotice(request),
        filter,
        filtered: Object.keys(params).length > 0,
        total: result.total,
        rows: result.rows.map((c) => ({
          href: `/learning/courses/${c.id}`,
          title: c.title,
          tierGroup: tierGroupName(c.tier, c.group),
          strand: [c.strand, c.strandLevel].filter(Boolean).join(": "),
          delivery: deliveryName(c.delivery),
          length: hoursText(c.durationHours),
          audience: c.audience,
        })),
        tierItems: [option("", "All tiers", tier), ...tiers.map((t) => option(t, tierNames[t], tier))],
        groupItems: tier
          ? [
              option("", `All of ${tierNames[tier]}`, group),
              ...Object.entries(tierGroups[tier]).map(([k, v]) => option(k, v, group)),
            ]
          : null,
        deliveryItems: [
          option("", "Any delivery", delivery),
          ...deliveries.map((d) => option(d, deliveryNames[d], delivery)),
        ],
        strandItems: [option("", "Any", strand), ...practiceModelStrands.map((s) => option(s, s, strand))],
        previous: result.page > 1 ? href({ page: String(result.page - 1) }) : null,
        next: result.page < result.pageCount ? href({ page: String(result.page + 1) }) : null,
        csvHref: href({ format: "csv" }),
        xlsxHref: href({ format: "xlsx" }),
        addHref: can(app, request, learningPermissions.manageCatalogue) ? "/learning/courses/new" : null,
        related: relatedLinks((p) => can(app, request, p)),
      });
    },
  );
}

/** The rest of the learning offer, as far as the viewer may go. */
function relatedLinks(may: (permission: string) => boolean): Array<{ href: string; text: string }> {
  const p = learningPermissions;
  const links: Array<[string, string, string]> = [
    ["/learning/sessions", "Sessions to come", p.view],
    ["/learning/calendar", "Calendar", p.view],
    ["/learning/bookings", "My bookings", p.view],
    ["/learning/my", "My learning and mandatory training", p.view],
    ["/learning/requirements", "Mandatory requirements", p.view],
    ["/learning/approvals", "Booking requests to decide", p.bookForOthers],
    ["/learning/compliance", "Compliance by team", p.viewRecords],
    ["/learning/demand", "Interest in courses with no dates", p.manageSessions],
    ["/learning/reports/no-shows", "No-shows", p.manageSessions],
    ["/learning/records/awaiting", "Learning to verify", p.manageRecords],
    ["/learning/elearning", "E-learning imports", p.manageRecords],
    ["/learning/evaluations", "Evaluations to complete", p.view],
    ["/learning/evaluations/reports", "Evaluation of learning: reports", p.reportEvaluation],
    ["/learning/needs/team", "Learning needs of your team", p.recordNeeds],
    ["/learning/needs/analysis", "Learning needs analysis", p.analyseNeeds],
  ];
  return links.filter(([, , permission]) => may(permission)).map(([href, text]) => ({ href, text }));
}
