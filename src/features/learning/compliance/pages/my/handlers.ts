import type { FastifyInstance } from "fastify";
import { learningPermissions } from "../../../permissions.js";

/** `/learning/my`: the signed-in person's own learning page, or why there is none. */
export async function myRoutes(app: FastifyInstance) {
  app.get("/learning/my", { config: { permission: learningPermissions.view } }, async (request, reply) => {
    const personId = request.principal?.personId;
    if (personId) return reply.redirect(`/learning/people/${personId}`);
    return reply.render("learning/compliance/pages/my/view.njk", { pageTitle: "My learning" });
  });
}
