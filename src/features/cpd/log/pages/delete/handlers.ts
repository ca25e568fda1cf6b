import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { setNotice } from "../../../../../platform/http/notice.js";
import { cpdPermissions } from "../../../permissions.js";
import { dateText, entryFor, entryHref, notFound, type PageOptions } from "../shared.js";

/** `/cpd/entries/:cpdEntryId/delete`: the owner confirms, then the entry and its files go. */
export async function deleteRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  const permission = cpdPermissions.own;

  app.get<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId/delete",
    { config: { permission } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner) return notFound(reply);
      const e = access.entry;
      return reply.render("cpd/log/pages/delete/view.njk", {
        pageTitle: `Delete ${e.title}`,
        title: e.title,
        date: dateText(e.entryOn),
        final: e.status === "final",
        evidenceCount: e.evidence.length,
        backHref: entryHref(e.id),
      });
    },
  );

  app.post<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId/delete",
    { config: { permission, form: z.object({}) } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner) return notFound(reply);
      await cpdLog.remove(request.tenantContext(), access.entry.id);
      setNotice(request, `CPD entry deleted: ${access.entry.title}`);
      return reply.redirect("/cpd", 303);
    },
  );
}
