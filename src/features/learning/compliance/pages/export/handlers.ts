import type { FastifyInstance, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import type { PageOptions } from "../shared.js";
import { viewerScope } from "../shared.js";
import { exportForm } from "./schema.js";

const permission = learningPermissions.viewRecords;

function progressText(job: { status: string; done: number; total: number | null }): string {
  if (job.status === "queued") return "Waiting to start";
  if (job.total === null) return "Starting";
  return `${job.done} of ${job.total} people done`;
}

/**
 * The full people-by-requirement export, made by a background job: POST asks for it, the
 * export's page shows progress and then the download links, and only the user who asked can
 * see it or download it.
 */
export async function exportRoutes(app: FastifyInstance, opts: PageOptions) {
  const jobOf = async (request: FastifyRequest<{ Params: { jobId: string } }>) => {
    const { jobId } = request.params;
    const id = /^\d{1,15}$/.test(jobId) ? Number(jobId) : null;
    const userId = request.principal?.userId;
    if (id === null || !userId) return null;
    return opts.compliance.exportJob(request.tenantContext(), userId, id);
  };

  app.post(
    "/learning/compliance/export",
    { config: { permission, form: exportForm } },
    async (request, reply) => {
      const userId = request.principal?.userId;
      if (!userId) return reply.code(404).render("errors/404.njk");
      const jobId = await opts.compliance.startExport(request.tenantContext(), userId, viewerScope(request));
      return reply.redirect(`/learning/compliance/exports/${jobId}`, 303);
    },
  );

  app.get<{ Params: { jobId: string } }>(
    "/learning/compliance/exports/:jobId",
    { config: { permission } },
    async (request, reply) => {
      const job = await jobOf(request);
      if (!job) return reply.code(404).render("errors/404.njk");
      const working = job.status === "queued" || job.status === "running";
      return reply.render("learning/compliance/pages/export/view.njk", {
        pageTitle: "Full compliance export",
        working,
        failed: job.status === "failed",
        progress: working ? progressText(job) : null,
        rows: job.file?.rows.length ?? 0,
        selfHref: `/learning/compliance/exports/${job.id}`,
        downloadBase: `/learning/compliance/exports/${job.id}/download?`,
      });
    },
  );

  app.get<{ Params: { jobId: string }; Querystring: Record<string, unknown> }>(
    "/learning/compliance/exports/:jobId/download",
    { config: { permission } },
    async (request, reply) => {
      const job = await jobOf(request);
      if (!job?.file) return reply.code(404).render("errors/404.njk");
      const file = job.file;
      const format = exportFormat(request.query.format) ?? "csv";
      return sendExport(
        reply,
        format,
        file.name,
        file.headers.map((header, i) => ({
          header,
          value: (row: (typeof file.rows)[number]) => row[i] ?? null,
        })),
        file.rows,
      );
    },
  );
}
