import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import {
  mayChange,
  notFound,
  type PageOptions,
  personHref,
  reachRecord,
  recordHref,
  recordView,
} from "../shared.js";

/** POST /confirm: a button, no fields. */
export const confirmForm = z.object({});

/**
 * `/supervision/records/:supervisionId`: a supervision record for the supervisee, the supervisor
 * and those who reach the supervisee. The reflective note is shown only to the supervisee and the
 * supervisor; the others see the record without it (not even whether there is one).
 * POST `/confirm`: the supervisee confirms the record is right.
 */
export async function recordRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = supervisionPermissions.view;

  app.get<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId",
    { config: { permission } },
    async (request, reply) => {
      const reached = await reachRecord(app, opts, request, request.params.supervisionId);
      if (!reached) return notFound(reply);
      const { record, relation } = reached;
      const ctx = request.tenantContext();
      const mayReadNote = relation.self || relation.supervisor;
      const note = mayReadNote ? await opts.records.note(ctx, record.id) : null;
      return reply.render("supervision/records/pages/record/view.njk", {
        pageTitle: `Supervision of ${record.personName}`,
        notification: takeNotice(request),
        record: { ...recordView(record), personName: record.personName },
        personHref: personHref(record.personId),
        self: relation.self,
        mayReadNote,
        note,
        mayChange: mayChange(app, request, relation, record),
        mayConfirm: relation.self && record.confirmedOn === null,
        base: recordHref(record.id),
      });
    },
  );

  app.post<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId/confirm",
    { config: { permission, form: confirmForm } },
    async (request, reply) => {
      const reached = await reachRecord(app, opts, request, request.params.supervisionId);
      if (!reached?.relation.self) return notFound(reply);
      await opts.records.confirm(request.tenantContext(), reached.record.id);
      setNotice(request, "Thank you: you confirmed the supervision record");
      return reply.redirect(recordHref(reached.record.id), 303);
    },
  );
}
