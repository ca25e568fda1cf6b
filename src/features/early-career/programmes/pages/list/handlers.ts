import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { ProgrammeListItem } from "../../programmes.service.js";
import { type PageOptions, programmeHref, programmesHome } from "../shared.js";

const permission = earlyCareerPermissions.manage;
const columns = [
  { header: "Code", value: (p: ProgrammeListItem) => p.code },
  { header: "Programme", value: (p: ProgrammeListItem) => p.name },
  { header: "Current version", value: (p: ProgrammeListItem) => p.version },
  { header: "Length (months)", value: (p: ProgrammeListItem) => p.lengthMonths },
  { header: "Longest with extensions (months)", value: (p: ProgrammeListItem) => p.maxMonths },
  { header: "Milestones", value: (p: ProgrammeListItem) => p.milestones },
  { header: "Standards", value: (p: ProgrammeListItem) => p.standards },
  { header: "Enrolments", value: (p: ProgrammeListItem) => p.enrolments },
  { header: "Retired on", value: (p: ProgrammeListItem) => p.retiredOn },
];

/** `/early-career/programmes`: the council's programme templates, and adding the shipped ones. */
export async function listRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    programmesHome,
    { config: { permission } },
    async (request, reply) => {
      const list = await opts.programmes.list(request.tenantContext());
      const format = exportFormat(request.query.format);
      if (format) return sendExport(reply, format, "early-career-programmes", columns, list);
      return reply.render("early-career/programmes/pages/list/view.njk", {
        pageTitle: "Early career programmes",
        notification: takeNotice(request),
        programmes: list.map((p) => ({ ...p, href: programmeHref(p.id) })),
      });
    },
  );

  app.post(
    `${programmesHome}/shipped`,
    { config: { permission, form: z.object({}) } },
    async (request, reply) => {
      const added = await opts.programmes.ensureShipped(request.tenantContext());
      setNotice(
        request,
        added === 0
          ? "The shipped programmes are already here"
          : `Added ${added === 1 ? "1 programme" : `${added} programmes`}: the ASYE and the Early Career Development Programme`,
      );
      return reply.redirect(programmesHome, 303);
    },
  );
}
