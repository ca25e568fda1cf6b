import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { offsetText, requiredEvidence } from "../../definition.js";
import { evidenceKindNames, frameworkNames, milestoneKindNames } from "../../reference.js";
import { notFound, type PageOptions, programmeHref, programmesHome } from "../shared.js";

const permission = earlyCareerPermissions.manage;

/** `/early-career/programmes/:programmeId`: the current version summarised, and every version. */
export async function programmeRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { programmeId: string } }>(
    `${programmesHome}/:programmeId`,
    { config: { permission } },
    async (request, reply) => {
      const { programmeId } = request.params;
      if (!isUuid(programmeId)) return notFound(reply);
      const ctx = request.tenantContext();
      const found = await opts.programmes.get(ctx, programmeId);
      if (!found) return notFound(reply);
      const { programme, current: v, history } = found;
      const courses = await Promise.all(v.coreCourseIds.map((id) => app.catalogue.course(ctx, id)));
      const frameworks = [...new Set(v.standards.map((s) => s.framework))];
      const caseload = [
        v.protectedCaseloadPercent !== null
          ? `${v.protectedCaseloadPercent}% of the role's caseload target in the team`
          : null,
        v.protectedCaseloadChildren !== null ? `no more than ${v.protectedCaseloadChildren} children` : null,
      ].filter((x) => x !== null);
      return reply.render("early-career/programmes/pages/programme/view.njk", {
        pageTitle: programme.name,
        notification: takeNotice(request),
        programme,
        version: v,
        editHref: `${programmeHref(programme.id)}/edit`,
        milestones: v.milestones.map((m) => ({
          ...m,
          kindName: milestoneKindNames[m.kind],
          atText: offsetText(m.at),
        })),
        standardGroups: frameworks.map((f) => ({
          framework: f,
          name: frameworkNames[f] ?? f,
          rows: v.standards
            .filter((s) => s.framework === f)
            .map((s) => ({ key: { text: s.code }, value: { text: s.title } })),
        })),
        evidenceRows: requiredEvidence(v.minEvidence).map((e) => ({
          key: { text: evidenceKindNames[e.kind] },
          value: { text: `At least ${e.count}` },
        })),
        rhythmRows: v.supervisionRhythm.map((s) => ({
          key: { text: `Every ${offsetText(s.every)}` },
          value: {
            text: s.until ? `Until ${offsetText(s.until)} from the start` : "To the end of the programme",
          },
        })),
        caseloadText: caseload.length ? caseload.join(", and ") : "Not set",
        timeText: v.protectedTimePercent !== null ? `${v.protectedTimePercent}% of working time` : "Not set",
        courses: courses.map((c, i) =>
          c ? `${c.title} (${c.code})` : `A course no longer in the catalogue (${v.coreCourseIds[i]})`,
        ),
        history: history.map((h) => ({ ...h, current: h.version === v.version })),
      });
    },
  );
}
