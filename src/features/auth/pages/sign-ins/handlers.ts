import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import type { AuthService } from "../../auth.service.js";

const PAGE_SIZE = 50;
const AUDIT_VIEW = "audit.view";

export const outcomeNames: Record<string, string> = {
  signed_in: "Signed in",
  wrong_password: "Wrong password",
  locked: "Refused: account locked",
  unknown_user: "No such account",
  disabled: "Refused: account disabled",
  no_password: "Refused: account has no password (single sign-on, or link not used)",
};
const methodNames: Record<string, string> = { password: "Password", oidc: "Single sign-on" };

const filters = z.object({
  email: z.string().trim().max(320).optional().catch(undefined),
  outcome: z
    .enum(Object.keys(outcomeNames) as [string, ...string[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** `/audit/sign-ins`: every sign-in and failed sign-in, for those who read the audit trail. */
export async function signInsRoutes(app: FastifyInstance, opts: { auth: AuthService }): Promise<void> {
  app.get("/audit/sign-ins", { config: { permission: AUDIT_VIEW } }, async (request, reply) => {
    // The audit trail spans the council, so (as on the audit pages) only a council-wide grant opens it.
    if (!request.scope().tenant) return reply.code(403).render("errors/403.njk");
    const q = filters.parse(request.query);
    const query = { email: q.email || undefined, outcome: q.outcome };
    const ctx = request.tenantContext();
    const format = exportFormat((request.query as { format?: unknown }).format);
    if (format) {
      const { rows } = await opts.auth.signIns(ctx, query, 1, 100_000);
      return sendExport(
        reply,
        format,
        "sign-ins",
        [
          { header: "When", value: (r: (typeof rows)[number]) => r.occurredAt },
          { header: "Email", value: (r) => r.email },
          { header: "How", value: (r) => methodNames[r.method] ?? r.method },
          { header: "Outcome", value: (r) => outcomeNames[r.outcome] ?? r.outcome },
        ],
        rows,
      );
    }
    const result = await opts.auth.signIns(ctx, query, q.page ?? 1, PAGE_SIZE);
    const params = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
    );
    const href = (extra: Record<string, string>) =>
      `/audit/sign-ins?${new URLSearchParams([...params, ...Object.entries(extra)]).toString()}`;
    return reply.render("auth/pages/sign-ins/view.njk", {
      pageTitle: result.page > 1 ? `Sign-ins (page ${result.page} of ${result.pageCount})` : "Sign-ins",
      q,
      outcomeItems: [
        { value: "", text: "Any outcome" },
        ...Object.entries(outcomeNames).map(([value, text]) => ({
          value,
          text,
          selected: value === q.outcome,
        })),
      ],
      result: {
        ...result,
        rows: result.rows.map((r) => ({
          ...r,
          method: methodNames[r.method] ?? r.method,
          outcomeName: outcomeNames[r.outcome] ?? r.outcome,
          failed: r.outcome !== "signed_in",
        })),
      },
      previous: result.page > 1 ? href({ page: String(result.page - 1) }) : null,
      next: result.page < result.pageCount ? href({ page: String(result.page + 1) }) : null,
      csvHref: href({ format: "csv" }),
      xlsxHref: href({ format: "xlsx" }),
    });
  });
}
