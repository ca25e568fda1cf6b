import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { EarlyCareerReviewsService } from "../../reviews.service.js";
import { dateText, enrolmentHref, notFound, type PageOptions, progressionHref } from "../shared.js";
import { type ConfirmProgressionForm, confirmProgressionForm } from "./schema.js";

type Row = Awaited<ReturnType<EarlyCareerReviewsService["progressions"]>>[number];

const sourceNames = { hr: "HR", feed: "HR feed" } as const;

function rowView(r: Row) {
  return {
    href: progressionHref(r.id),
    personName: r.personName,
    employeeNumber: r.employeeNumber,
    fromLevel: r.fromCareerLevelName ?? "Not known",
    toLevel: r.toCareerLevelName,
    payPoint: r.payPoint ?? "Not given",
    effective: dateText(r.effectiveOn),
    confirmed: r.confirmedOn ? dateText(r.confirmedOn) : null,
    source: r.confirmedSource ? sourceNames[r.confirmedSource] : null,
  };
}

/**
 * `/early-career/progression`: HR's list of the career level moves passes have raised (open, and
 * confirmed in the last 90 days) for people in their scope, with CSV and XLSX; and each action's
 * page, where HR confirms it done.
 */
export async function progressionRoutes(app: FastifyInstance, opts: PageOptions) {
  const { reviews } = opts;
  const permission = earlyCareerPermissions.progression;

  app.get<{ Querystring: Record<string, unknown> }>(
    "/early-career/progression",
    { config: { permission } },
    async (request, reply) => {
      const rows = await reviews.progressions(request.tenantContext(), request.scope(permission));
      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `career-progression-${reviews.today()}`,
          [
            { header: "Name", value: (r: Row) => r.personName },
            { header: "Employee number", value: (r) => r.employeeNumber },
            { header: "From career level", value: (r) => r.fromCareerLevelName },
            { header: "To career level", value: (r) => r.toCareerLevelName },
            { header: "Career level code", value: (r) => r.toCareerLevel },
            { header: "Pay point", value: (r) => r.payPoint },
            { header: "Effective date", value: (r) => r.effectiveOn },
            { header: "Status", value: (r) => (r.status === "open" ? "Open" : "Confirmed") },
            { header: "Confirmed on", value: (r) => r.confirmedOn },
            {
              header: "Confirmed by",
              value: (r) => (r.confirmedSource ? sourceNames[r.confirmedSource] : null),
            },
          ],
          rows,
        );
      }
      return reply.render("early-career/reviews/pages/progression/list.njk", {
        pageTitle: "Career progression after the ASYE",
        notification: takeNotice(request),
        open: rows.filter((r) => r.status === "open").map(rowView),
        confirmed: rows.filter((r) => r.status === "confirmed").map(rowView),
      });
    },
  );

  async function renderDetail(
    request: FastifyRequest<{ Params: { progressionId: string } }>,
    reply: FastifyReply,
    form: FormState | null,
  ) {
    const { progressionId } = request.params;
    if (!isUuid(progressionId)) return notFound(reply);
    const p = await reviews.progression(request.tenantContext(), request.scope(permission), progressionId);
    if (!p) return notFound(reply);
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/progression/detail.njk", {
        pageTitle: `Career progression: ${p.personName}`,
        backHref: "/early-career/progression",
        notification: takeNotice(request),
        errors: form?.errors ?? {},
        errorSummary: form?.errorSummary ?? [],
        values: form?.values ?? { pay_point: p.payPoint ?? "" },
        p: rowView(p),
        open: p.status === "open",
        outcome: p.outcomeOn ? dateText(p.outcomeOn) : null,
        enrolmentHref: enrolmentHref(p.enrolmentId),
      });
  }

  app.get<{ Params: { progressionId: string } }>(
    "/early-career/progression/:progressionId",
    { config: { permission } },
    (request, reply) => renderDetail(request, reply, null),
  );

  app.post<{ Params: { progressionId: string } }>(
    "/early-career/progression/:progressionId",
    { config: { permission, form: confirmProgressionForm } },
    async (request, reply) => {
      const { progressionId } = request.params;
      if (!isUuid(progressionId)) return notFound(reply);
      const ctx = request.tenantContext();
      const p = await reviews.progression(ctx, request.scope(permission), progressionId);
      if (!p) return notFound(reply);
      const result = request.formResult as FormResult<ConfirmProgressionForm>;
      if (!result.ok) return renderDetail(request, reply, result);
      const done = await reviews.confirmProgression(ctx, p.id, result.data.pay_point);
      setNotice(
        request,
        done ? `Move to ${p.toCareerLevelName} confirmed` : "This move was already confirmed",
      );
      return reply.redirect(progressionHref(p.id), 303);
    },
  );
}
