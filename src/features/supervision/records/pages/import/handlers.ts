import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import { CASE_SUPERVISION_FOLDER } from "../../feed.js";
import type { ImportSummary } from "../../records.service.js";
import { dateText, type PageOptions } from "../shared.js";
import { type ImportFormData, importForm } from "./schema.js";

export const importHref = (importId: string) => `/supervision/import/${importId}`;

export function importRow(i: ImportSummary) {
  return {
    href: importHref(i.id),
    filename: i.filename,
    on: dateText(i.createdAt),
    how: i.trigger === "feed" ? "Feed" : "Upload",
    status: i.status === "applied" ? "Read" : "Not read",
    total: i.rowsTotal,
    added: i.rowsAdded,
    unchanged: i.rowsUnchanged,
    rejected: i.rowsRejected,
  };
}

/**
 * `/supervision/import`: case supervision recorded in the case management system, imported from
 * its CSV (uploaded here, or dropped daily in the feed folder) rather than typed again.
 */
export async function importRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = supervisionPermissions.manage;
  const form = importForm(app.platform.config.uploadMaxBytes);

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState) {
    const imports = await opts.records.recentImports(request.tenantContext(), 20);
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("supervision/records/pages/import/view.njk", {
        pageTitle: "Import case supervision",
        notification: takeNotice(request),
        imports: imports.map(importRow),
        folder: app.platform.config.feedsDir ? `${request.tenant.slug}/${CASE_SUPERVISION_FOLDER}` : null,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get("/supervision/import", { config: { permission } }, (request, reply) =>
    render(request, reply, { values: {}, errors: {} }),
  );

  app.post("/supervision/import", { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<ImportFormData>;
    if (!result.ok)
      return render(request, reply, { values: {}, errors: result.errors, errorSummary: result.errorSummary });
    const outcome = await opts.records.importCsv(request.tenantContext(), {
      filename: result.data.file.filename,
      content: result.data.file.data,
      trigger: "upload",
    });
    setNotice(
      request,
      outcome.alreadyImported
        ? "This file was imported before: nothing was added again"
        : outcome.status === "rejected"
          ? "The file could not be read: nothing was imported"
          : `Import finished: ${outcome.counts.added} added, ${outcome.counts.unchanged} unchanged, ${outcome.counts.rejected} rejected`,
    );
    return reply.redirect(importHref(outcome.importId), 303);
  });
}
