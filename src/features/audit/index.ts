import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AuditService } from "./audit.service.js";
import { auditPages, auditPermissions } from "./pages/index.js";

/** Reading the audit trail: the search page and each record's history. */
export const auditFeature = fp(
  async (app: FastifyInstance) => {
    const audit = new AuditService(app.platform.data);
    app.decorate("audit", audit);
    app.platform.navigation.add({ href: "/audit", text: "Audit", permission: auditPermissions.view });
    await app.register(auditPages, { audit });
  },
  { name: "wa-audit" },
);

declare module "fastify" {
  interface FastifyInstance {
    audit: AuditService;
  }
}
