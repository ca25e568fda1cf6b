import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import type { SupervisionRow } from "../../records.service.js";
import { dateText, kindNames, notFound, type PageOptions, reachRecord, recordHref } from "../shared.js";
import { type NoteForm, noteForm } from "./schema.js";

/**
 * `/supervision/records/:supervisionId/note`: the reflective note. The record's, not a role's:
 * only the supervisee and the supervisor named on the record read or write it; everyone else,
 * whatever their role (HR and the PSW included), is answered 404 as if there were no such page.
 */
export async function noteRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = "signed-in";
  type Req = FastifyRequest<{ Params: { supervisionId: string } }>;

  async function ownersOnly(request: Req) {
    const reached = await reachRecord(app, opts, request, request.params.supervisionId);
    if (!reached || !(reached.relation.self || reached.relation.supervisor)) return undefined;
    return reached;
  }

  function render(reply: FastifyReply, record: SupervisionRow, self: boolean, form: FormState) {
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/records/pages/note/view.njk", {
        pageTitle: "Reflective note",
        record: {
          kind: kindNames[record.kind],
          heldOn: dateText(record.heldOn),
          personName: record.personName,
        },
        who: self ? "you and your supervisor" : `you and ${record.personName}`,
        backHref: recordHref(record.id),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId/note",
    { config: { permission } },
    async (request, reply) => {
      const reached = await ownersOnly(request);
      if (!reached) return notFound(reply);
      const note = await opts.records.note(request.tenantContext(), reached.record.id);
      return render(reply, reached.record, reached.relation.self, {
        values: { note: note ?? "" },
        errors: {},
      });
    },
  );

  app.post<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId/note",
    { config: { permission, form: noteForm } },
    async (request, reply) => {
      const reached = await ownersOnly(request);
      if (!reached) return notFound(reply);
      const result = request.formResult as FormResult<NoteForm>;
      if (!result.ok) return render(reply, reached.record, reached.relation.self, result);
      const note = result.data.note === "" ? null : result.data.note;
      await opts.records.saveNote(request.tenantContext(), reached.record.id, note);
      setNotice(request, note === null ? "Reflective note removed" : "Reflective note saved");
      return reply.redirect(recordHref(reached.record.id), 303);
    },
  );
}
