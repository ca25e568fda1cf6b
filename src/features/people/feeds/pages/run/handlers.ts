import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import type { FeedRun, RowData, RowError } from "../../schema.js";
import { isUuid } from "../forms.js";
import { count, feedsHome, setNotice, statusTag, takeNotice, triggerName } from "../shared.js";
import { type ImportFormData, importForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { runId: string } }>;

const SHOWN = 200;

function progressText(run: FeedRun): string {
  const p = run.progress;
  if (run.status === "importing") return `Importing ${count(p?.total ?? run.row_count)} rows.`;
  if (!p || (p.stage === "reading" && p.done === 0)) return "Waiting to start checking the file.";
  if (p.stage === "reading") return `Checked ${count(p.done)} of about ${count(p.total)} rows.`;
  return `Saving the preview: ${count(p.done)} of ${count(p.total)} rows.`;
}

function nameOf(data: RowData | null, fallback: string | null): string {
  const name = [data?.given_name, data?.family_name].filter(Boolean).join(" ");
  return name || fallback || "";
}

/** `/people/feeds/runs/:runId`: a file's progress, its preview with the import buttons, then its report. */
export async function runRoutes(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  const { service } = opts;
  const permission = peoplePermissions.manageFeeds;

  async function render(request: Req, reply: FastifyReply, error: { text: string } | null) {
    const { runId } = request.params;
    if (!isUuid(runId)) return reply.code(404).render("errors/404.njk");
    const view = await service.runView(request.tenantContext(), runId, SHOWN);
    if (!view) return reply.code(404).render("errors/404.njk");
    const { run, source } = view;
    const counts = run.counts;
    const inProgress = run.status === "checking" || run.status === "importing";
    const rejected = view.rejected.flatMap((r) =>
      ((r.errors ?? []) as RowError[]).map((e) => ({
        row: r.row_number,
        externalId: r.external_id ?? "",
        column: e.column,
        message: e.message,
      })),
    );
    const title = {
      checking: "Checking the file",
      previewed: "Check what the file will change",
      importing: "Importing the file",
      imported: "File imported",
      failed: "The file was not imported",
    }[run.status];
    const validRows = counts ? run.row_count - counts.reject : 0;
    return reply.code(error ? 400 : 200).render("people/feeds/pages/run/view.njk", {
      pageTitle: title,
      title,
      notification: takeNotice(request),
      errors: error ? { mode: error.text } : {},
      errorSummary: error ? [{ text: error.text, href: "#import" }] : [],
      progress: inProgress ? progressText(run) : null,
      run: {
        ...run,
        tag: statusTag(run.status),
        sourceText: `${source?.name ?? ""} (${triggerName(run).toLowerCase()})`,
        received: formatDate(run.created_at, true),
        importedAt: run.imported_at ? formatDate(run.imported_at, true) : "",
        effectiveOn: formatDate(run.effective_on, false),
        rows: count(run.row_count),
      },
      source: source
        ? { name: source.name, href: `${feedsHome}/sources/${source.id}`, fullExtract: source.full_extract }
        : null,
      counts: counts
        ? {
            create: count(counts.create),
            update: count(counts.update),
            unchanged: count(counts.unchanged),
            reject: count(counts.reject),
            unmatched: count(counts.unmatched),
            possibleLeavers: count(counts.possibleLeavers),
            hasRejects: counts.reject > 0,
            hasUnmatched: counts.unmatched > 0,
            hasLeavers: counts.possibleLeavers > 0,
            leaversText:
              counts.possibleLeavers === 1
                ? "the possible leaver is"
                : `the ${count(counts.possibleLeavers)} possible leavers are`,
            rejectedMore: counts.reject > SHOWN,
            changedMore: counts.create + counts.update > SHOWN,
            unmatchedMore: counts.unmatched > SHOWN,
          }
        : null,
      canImport: run.status === "previewed",
      canImportAll: run.status === "previewed" && counts !== null && counts.reject === 0,
      canImportValid: run.status === "previewed" && counts !== null && counts.reject > 0 && validRows > 0,
      validRows: count(validRows),
      rejected,
      changed: view.changed.map((r) => ({
        row: r.row_number,
        externalId: r.external_id ?? "",
        name: nameOf(r.data, r.person_name),
        personHref: r.person_id ? `/people/${r.person_id}` : null,
        what: r.action === "create" ? "New person" : r.changes.join(", "),
      })),
      unmatched: view.unmatched.map((r) => ({
        row: r.row_number,
        externalId: r.external_id ?? "",
        name: nameOf(r.data, null),
        resolved: r.resolution !== null,
      })),
      csvHref: `${feedsHome}/runs/${run.id}/rejected.csv`,
    });
  }

  app.get<{ Params: { runId: string } }>(
    `${feedsHome}/runs/:runId`,
    { config: { permission, councilWide: true } },
    (request, reply) => render(request, reply, null),
  );

  // What the run page's script polls while the file is worked on.
  app.get<{ Params: { runId: string } }>(
    `${feedsHome}/runs/:runId/progress`,
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      const { runId } = request.params;
      if (!isUuid(runId)) return reply.code(404).send({ error: "not found" });
      const view = await service.runView(request.tenantContext(), runId, 0);
      if (!view) return reply.code(404).send({ error: "not found" });
      const { run } = view;
      const finished = run.status !== "checking" && run.status !== "importing";
      return reply.header("cache-control", "no-store").send({
        status: run.status,
        finished,
        text: finished ? "" : progressText(run),
      });
    },
  );

  app.post<{ Params: { runId: string } }>(
    `${feedsHome}/runs/:runId/import`,
    { config: { permission, councilWide: true, form: importForm } },
    async (request, reply) => {
      const { runId } = request.params;
      if (!isUuid(runId)) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<ImportFormData>;
      if (!result.ok)
        return render(request, reply, {
          text: result.errorSummary[0]?.text ?? "Select how to import the file",
        });
      try {
        const outcome = await service.requestImport(request.tenantContext(), runId, result.data.mode);
        if (outcome !== "queued" && outcome.status === "imported" && outcome.counts) {
          const c = outcome.counts;
          setNotice(
            request,
            `File imported: ${count(c.create)} new, ${count(c.update)} updated, ${count(c.unchanged)} unchanged`,
          );
        }
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, { text: err.message });
      }
      return reply.redirect(`${feedsHome}/runs/${runId}`, 303);
    },
  );

  app.get<{ Params: { runId: string } }>(
    `${feedsHome}/runs/:runId/rejected.csv`,
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      const { runId } = request.params;
      if (!isUuid(runId)) return reply.code(404).render("errors/404.njk");
      const rows = await service.rejectedRows(request.tenantContext(), runId);
      if (!rows) return reply.code(404).render("errors/404.njk");
      const lines = rows.flatMap((r) =>
        ((r.errors ?? []) as RowError[]).map((e) => ({ row: r.row_number, id: r.external_id, ...e })),
      );
      return sendExport(
        reply,
        "csv",
        "rejected-rows",
        [
          { header: "Row", value: (l) => l.row },
          { header: "Employee ID", value: (l) => l.id },
          { header: "Column", value: (l) => l.column },
          { header: "Error", value: (l) => l.message },
        ],
        lines,
      );
    },
  );
}
