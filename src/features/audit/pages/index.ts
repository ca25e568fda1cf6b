import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AuditService, tableLabel } from "../audit.service.js";

export const auditPermissions = { view: "audit.view" } as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const searchQuery = z.object({
  table: z.string().max(63).optional().catch(undefined),
  record: z.string().max(100).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** The searchable audit page and each record's history, for administrators. */
export async function auditPages(app: FastifyInstance, opts: { audit: AuditService }): Promise<void> {
  // The audit trail spans every record in the council, so only a council-wide grant opens it.
  app.addHook("onRequest", async (request, reply) => {
    if (request.principal && !request.scope().tenant) return reply.code(403).render("errors/403.njk");
  });
  app.get("/audit", { config: { permission: auditPermissions.view } }, async (request, reply) => {
    const q = searchQuery.parse(request.query);
    const result = await opts.audit.search(
      request.tenantContext(),
      {
        table: q.table || undefined,
        recordId: q.record || undefined,
        actor: q.actor || undefined,
        from: q.from,
        to: q.to,
      },
      q.page ?? 1,
    );
    const params = new URLSearchParams(
      Object.entries({ table: q.table, record: q.record, actor: q.actor, from: q.from, to: q.to }).filter(
        (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
      ),
    );
    const pageHref = (n: number) =>
      `/audit?${new URLSearchParams([...params, ["page", String(n)]]).toString()}`;
    return reply.render("audit/pages/search/view.njk", {
      pageTitle: "Audit trail",
      q,
      tableItems: [
        { value: "", text: "All records" },
        ...result.tables.map((t) => ({ ...t, selected: t.value === q.table })),
      ],
      result,
      previous: result.page > 1 ? pageHref(result.page - 1) : null,
      next: result.page < result.pageCount ? pageHref(result.page + 1) : null,
    });
  });

  app.get(
    "/audit/history/:table/:recordId",
    { config: { permission: auditPermissions.view } },
    async (request, reply) => {
      const { table, recordId } = request.params as { table: string; recordId: string };
      const events = await opts.audit.history(request.tenantContext(), table, recordId);
      if (events.length === 0) return reply.code(404).render("errors/404.njk");
      return reply.render("audit/pages/history/view.njk", {
        pageTitle: "History of changes",
        recordKind: tableLabel(table),
        table,
        recordId,
        events,
      });
    },
  );
}
