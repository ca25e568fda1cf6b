import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isUuid } from "../../../platform/http/request-helpers.js";
import type { DataProtectionService } from "../data-protection.service.js";

export const dataProtectionPermissions = {
  subjectAccess: "data-protection.subject-access",
  retention: "data-protection.retention",
} as const;

const confirmForm = z.object({
  confirm: z.literal("yes", { error: "Select yes to anonymise these people" }),
  personIds: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
});

export async function dataProtectionPages(
  app: FastifyInstance,
  opts: { service: DataProtectionService },
): Promise<void> {
  const { service } = opts;

  app.get(
    "/data-protection/subject-access/:personId",
    { config: { permission: dataProtectionPermissions.subjectAccess } },
    async (request, reply) => {
      const { personId } = request.params as { personId: string };
      if (!isUuid(personId)) return reply.code(404).render("errors/404.njk");
      if (!(await app.people.reaches(request.tenantContext(), request.scope(), personId))) {
        return reply.code(404).render("errors/404.njk");
      }
      const result = await service.subjectAccess(request.tenantContext(), personId);
      if (!result) return reply.code(404).render("errors/404.njk");
      if ((request.query as { format?: string }).format === "json") {
        return reply
          .header("content-disposition", `attachment; filename="subject-access-${personId}.json"`)
          .header("cache-control", "no-store")
          .type("application/json")
          .send(JSON.stringify(result, null, 2));
      }
      const tables = Object.entries(result.tables).map(([name, rows]) => ({
        name,
        rows: rows.map((row) => Object.entries(row).map(([key, value]) => ({ key, value: show(value) }))),
      }));
      return reply.render("data-protection/pages/subject-access/view.njk", {
        pageTitle: "Subject access export",
        result,
        tables,
      });
    },
  );

  app.get(
    "/data-protection/retention",
    { config: { permission: dataProtectionPermissions.retention } },
    async (request, reply) => {
      const due = await service.dueForAnonymisation(request.tenantContext());
      return reply.render("data-protection/pages/retention/view.njk", {
        pageTitle: "Retention of leavers' details",
        due,
        cutoff: service.retentionCutoff(),
        errors: {},
      });
    },
  );

  app.post(
    "/data-protection/retention",
    { config: { permission: dataProtectionPermissions.retention, form: confirmForm } },
    async (request, reply) => {
      const result = request.formResult;
      if (!result?.ok) {
        const due = await service.dueForAnonymisation(request.tenantContext());
        return reply.code(400).render("data-protection/pages/retention/view.njk", {
          pageTitle: "Retention of leavers' details",
          due,
          cutoff: service.retentionCutoff(),
          ...result,
        });
      }
      const form = result.data as z.output<typeof confirmForm>;
      await service.confirmAnonymisation(request.tenantContext(), form.personIds);
      return reply.redirect("/system/jobs");
    },
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
