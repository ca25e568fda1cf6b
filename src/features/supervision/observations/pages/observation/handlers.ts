import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import { gradeNames, themeNames } from "../../reference.js";
import { can, dateText, notFound, type PageOptions, reachObservation } from "../shared.js";

/** `/supervision/observations/:observationId`: the observer and QA see it; the supervisor reads their feedback. */
export async function observationRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { observationId: string } }>(
    "/supervision/observations/:observationId",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const found = await reachObservation(app, opts, request);
      if (!found) return notFound(reply);
      const o = found.observation;
      return reply.render("supervision/observations/pages/observation/view.njk", {
        pageTitle: `Observation of supervision: ${o.supervisorName}, ${dateText(o.observedOn)}`,
        notification: takeNotice(request),
        observed: found.observed,
        observe: can(app, request, supervisionPermissions.observe),
        o: {
          ...o,
          observed: dateText(o.observedOn),
          themesText: o.themes.map((t) => themeNames[t]),
          ratingText: o.rating ? gradeNames[o.rating] : "Not rated",
          supervisionHref: o.supervisionId ? `/supervision/records/${o.supervisionId}` : null,
          supervisionHeld: o.supervisionHeldOn ? dateText(o.supervisionHeldOn) : null,
        },
      });
    },
  );
}
