import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { platformPermissions } from "../../platform/auth/policy.js";

/** Health check, and the system administrator's pages for background jobs and the email outbox. */
export async function systemFeature(app: FastifyInstance): Promise<void> {
  const { platform } = app;
  app.platform.navigation.add({
    href: "/system/jobs",
    text: "Jobs",
    permission: platformPermissions.viewJobs,
  });
  app.platform.navigation.add({
    href: "/system/outbox",
    text: "Outbox",
    permission: platformPermissions.viewOutbox,
  });

  app.get("/health", { config: { permission: "public" } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(platform.database.db);
      return reply
        .header("cache-control", "no-store")
        .send({ status: "ok", database: platform.database.kind });
    } catch (err) {
      request.log.error({ err }, "health check: database unreachable");
      return reply.code(503).send({ status: "unavailable", database: platform.database.kind });
    }
  });

  app.get(
    "/system/jobs",
    { config: { permission: platformPermissions.viewJobs } },
    async (_request, reply) => {
      const jobs = await platform.jobs.recent(100);
      return reply.render("system/pages/jobs.njk", { pageTitle: "Background jobs", jobs });
    },
  );

  app.get(
    "/system/outbox",
    { config: { permission: platformPermissions.viewOutbox } },
    async (request, reply) => {
      const messages = await platform.data.run(request.tenantContext(), (trx) =>
        platform.outbox.recent(trx, 100),
      );
      return reply.render("system/pages/outbox.njk", {
        pageTitle: "Email outbox",
        messages,
        sending: platform.config.notifyApiKey !== undefined,
      });
    },
  );
}
