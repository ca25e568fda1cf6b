import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { LearningRecordsService } from "../../records.service.js";
import { isUuid, notFound } from "../shared.js";
import { type VerifyForm, verifyForm } from "./schema.js";

const permission = learningPermissions.manageRecords;
const AWAITING = "/learning/records/awaiting";

/** `/learning/records/awaiting`: external learning people added, for L&D to accept or reject. */
export async function awaitingRoutes(app: FastifyInstance, opts: { records: LearningRecordsService }) {
  const { records } = opts;

  /** The awaiting records of people in the viewer's scope. */
  async function rowsFor(request: FastifyRequest) {
    const ctx = request.tenantContext();
    const scope = request.scope(permission);
    const all = await records.awaiting(ctx);
    const rows = [];
    for (const r of all) {
      if (scope.tenant || (await app.people.reaches(ctx, scope, r.personId))) rows.push(r);
    }
    return rows.map((r) => ({
      ...r,
      name: `${r.preferredName || r.givenName} ${r.familyName}`,
      hours: r.hours === null ? null : Number(r.hours),
    }));
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState & { recordId?: string },
  ) {
    const rows = await rowsFor(request);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/requirements/pages/awaiting/view.njk", {
        pageTitle: "Learning to verify",
        notification: takeNotice(request),
        rows,
        errorRecordId: form.recordId ?? null,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get(AWAITING, { config: { permission } }, async (request, reply) => {
    const format = exportFormat((request.query as { format?: unknown }).format);
    if (format) {
      const rows = await rowsFor(request);
      return sendExport(
        reply,
        format,
        "learning-to-verify",
        [
          { header: "Person", value: (r: (typeof rows)[number]) => r.name },
          { header: "Learning", value: (r) => r.title },
          { header: "Course code", value: (r) => r.courseCode },
          { header: "Completed", value: (r) => r.completedOn },
          { header: "Hours", value: (r) => r.hours },
          { header: "Provider", value: (r) => r.provider },
          { header: "Evidence", value: (r) => r.evidenceNote },
          { header: "Expires", value: (r) => r.expiresOn },
          { header: "Added", value: (r) => r.createdAt },
        ],
        rows,
      );
    }
    return render(request, reply, { values: {}, errors: {} });
  });

  app.post<{ Params: { learningRecordId: string } }>(
    "/learning/records/:learningRecordId/verify",
    { config: { permission, form: verifyForm } },
    async (request, reply) => {
      const { learningRecordId: recordId } = request.params;
      const ctx = request.tenantContext();
      const record = isUuid(recordId) ? await records.record(ctx, recordId) : null;
      if (!record || !(await app.people.reaches(ctx, request.scope(permission), record.personId))) {
        return notFound(reply);
      }
      const result = request.formResult as FormResult<VerifyForm>;
      if (!result.ok) {
        const message = result.errors.decision ?? "Select whether to accept or reject the learning";
        const field = `decision-${recordId}`;
        return render(request, reply, {
          values: {},
          recordId,
          errors: { [field]: message },
          errorSummary: [{ text: message, href: `#${field}` }],
        });
      }
      const done = await records.verify(ctx, recordId, result.data.decision);
      setNotice(
        request,
        !done
          ? `“${record.title}” had already been decided`
          : result.data.decision === "verified"
            ? `“${record.title}” verified: it now counts`
            : `“${record.title}” rejected`,
      );
      return reply.redirect(AWAITING, 303);
    },
  );
}
