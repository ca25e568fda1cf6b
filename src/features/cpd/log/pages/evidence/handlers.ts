import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { setNotice } from "../../../../../platform/http/notice.js";
import { cpdPermissions } from "../../../permissions.js";
import { entryFor, entryHref, isUuid, notFound, type PageOptions } from "../shared.js";

type Params = { cpdEntryId: string; cpdEvidenceId: string };

/** A file name for the Content-Disposition header: ASCII fallback and the UTF-8 name. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * An entry's evidence files: download (whoever may see the entry) and remove, after a
 * confirmation page (the owner only).
 */
export async function evidenceRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  const permission = cpdPermissions.own;

  app.get<{ Params: Params }>(
    "/cpd/entries/:cpdEntryId/evidence/:cpdEvidenceId",
    { config: { permission } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access || !isUuid(request.params.cpdEvidenceId)) return notFound(reply);
      const found = await cpdLog.evidenceFile(
        request.tenantContext(),
        access.entry.id,
        request.params.cpdEvidenceId,
      );
      if (!found) return notFound(reply);
      return reply
        .header("content-disposition", disposition(found.file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .type(found.file.contentType)
        .send(found.file.content);
    },
  );

  app.get<{ Params: Params }>(
    "/cpd/entries/:cpdEntryId/evidence/:cpdEvidenceId/remove",
    { config: { permission } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner || !isUuid(request.params.cpdEvidenceId)) return notFound(reply);
      const evidence = await cpdLog.evidence(
        request.tenantContext(),
        access.entry.id,
        request.params.cpdEvidenceId,
      );
      if (!evidence) return notFound(reply);
      return reply.render("cpd/log/pages/evidence/remove.njk", {
        pageTitle: `Remove ${evidence.filename}`,
        filename: evidence.filename,
        entryTitle: access.entry.title,
        backHref: entryHref(access.entry.id),
      });
    },
  );

  app.post<{ Params: Params }>(
    "/cpd/entries/:cpdEntryId/evidence/:cpdEvidenceId/remove",
    { config: { permission, form: z.object({}) } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner || !isUuid(request.params.cpdEvidenceId)) return notFound(reply);
      const removed = await cpdLog.removeEvidence(
        request.tenantContext(),
        access.entry.id,
        request.params.cpdEvidenceId,
      );
      if (!removed) return notFound(reply);
      setNotice(request, "Evidence removed");
      return reply.redirect(`${entryHref(access.entry.id)}#evidence`, 303);
    },
  );
}
