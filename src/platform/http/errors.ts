import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** GOV.UK pages for 404, 403 and every other error; the log gets the error, the user a plain page. */
export const errorPages = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler((_request, reply) => {
      reply.code(404).render("errors/404.njk");
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, "request failed");
      else request.log.info({ err: error, statusCode: status }, "request refused");
      if (
        status === 403 ||
        error.code === "FST_CSRF_INVALID_TOKEN" ||
        error.code === "FST_CSRF_MISSING_SECRET"
      ) {
        return reply.code(403).render("errors/403.njk");
      }
      if (status === 404) return reply.code(404).render("errors/404.njk");
      if (status === 429) return reply.code(429).render("errors/429.njk");
      return reply.code(status).render("errors/500.njk", { statusCode: status });
    });
  },
  { name: "wa-errors", dependencies: ["wa-views"] },
);
