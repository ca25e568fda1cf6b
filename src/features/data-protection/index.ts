import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { DataProtectionService } from "./data-protection.service.js";
import { dataProtectionPages, dataProtectionPermissions } from "./pages/index.js";

/** Subject access exports and the retention rule for leavers. */
export const dataProtectionFeature = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const service = new DataProtectionService(
      platform.database.db,
      platform.data,
      platform.clock,
      app.people,
      platform.jobs,
      platform.config.retentionYears,
    );
    app.decorate("dataProtection", service);
    platform.jobs.define({
      name: "data-protection.anonymise",
      maxAttempts: 1,
      run: async (ctx) => {
        const { personIds, actor } = ctx.job.payload as { personIds: string[]; actor: string };
        if (!ctx.job.tenant_id) throw new Error("data-protection.anonymise needs a tenant");
        const done = await service.anonymise(
          { tenantId: ctx.job.tenant_id, actor: { id: actor } },
          personIds,
        );
        await ctx.progress(done, personIds.length, "people anonymised");
      },
    });
    platform.navigation.add({
      href: "/data-protection/retention",
      text: "Data protection",
      permission: dataProtectionPermissions.retention,
    });
    await app.register(dataProtectionPages, { service });
  },
  { name: "wa-data-protection", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    dataProtection: DataProtectionService;
  }
}
