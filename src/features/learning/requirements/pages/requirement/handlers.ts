import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { RequirementsService, RequirementVersionRules } from "../../requirements.service.js";
import {
  type AudienceNames,
  audienceNames,
  audienceText,
  can,
  dueSoonText,
  dueText,
  graceText,
  isUuid,
  notFound,
  renewalText,
} from "../shared.js";

type Params = { Params: { requirementId: string } };

/** `/learning/requirements/:requirementId`: the rules in force, and every version with its dates. */
export async function requirementRoutes(app: FastifyInstance, opts: { requirements: RequirementsService }) {
  app.get<Params>(
    "/learning/requirements/:requirementId",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const { requirementId } = request.params;
      const found = isUuid(requirementId)
        ? await opts.requirements.get(request.tenantContext(), requirementId)
        : null;
      if (!found) return notFound(reply);
      const names = await audienceNames(app, request);
      const { requirement, version } = found;
      return reply.render("learning/requirements/pages/requirement/view.njk", {
        pageTitle: requirement.title,
        notification: takeNotice(request),
        requirement,
        state: found.state,
        rules: version
          ? rules(version, found.history.find((h) => h.version.id === version.id)?.courses ?? [], names)
          : null,
        history: found.history.map((h) => ({
          validFrom: h.version.validFrom,
          validTo: h.version.validTo,
          state: h.state,
          courses: h.courses.map((c) => c.title),
          audience: audienceText(h.version, names),
          due: dueText(h.version),
          renewal: renewalText(h.version),
          grace: graceText(h.version),
          dueSoon: dueSoonText(h.version),
          restartsClock: h.version.restartsClock,
        })),
        newVersionHref: can(app, request, learningPermissions.manageRequirements)
          ? `/learning/requirements/${requirement.id}/versions/new`
          : null,
      });
    },
  );
}

function rules(
  v: RequirementVersionRules,
  courses: { title: string; code: string; withdrawn: boolean }[],
  names: AudienceNames,
) {
  const row = (key: string, html: string) => ({ key: { text: key }, value: { html } });
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
    );
  const lines = (items: string[]) => items.map(esc).join("<br>");
  return [
    row(
      "Courses that meet it",
      lines(courses.map((c) => `${c.title} (${c.code})${c.withdrawn ? ", no longer offered" : ""}`)),
    ),
    row("Who it applies to", lines(audienceText(v, names))),
    row("Due within", esc(dueText(v))),
    row("Renewal", esc(renewalText(v))),
    row("Grace period", esc(graceText(v))),
    row("Due soon", esc(dueSoonText(v))),
  ];
}
