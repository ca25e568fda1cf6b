import type { FastifyInstance } from "fastify";
import { learningPermissions } from "../../../permissions.js";
import { byYear, needsHome, type PageOptions } from "../shared.js";

/** `/learning/needs/mine`: the signed-in person's own learning needs, read only. */
export async function mineRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get(
    `${needsHome}/mine`,
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const personId = request.principal?.personId ?? null;
      const mine = personId ? await opts.needs.personNeeds(request.tenantContext(), personId) : null;
      return reply.render("learning/needs/pages/mine/view.njk", {
        pageTitle: "Your learning needs",
        hasRecord: personId !== null,
        years: mine ? byYear(mine.needs) : [],
        interest: mine?.interest ?? [],
      });
    },
  );
}
