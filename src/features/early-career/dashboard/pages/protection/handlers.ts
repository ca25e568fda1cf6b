import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { type ReachedEnrolment, reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { caseloadCap, type ProtectionStatus, type ProtectionTerms, percentText } from "../../protection.js";
import type { ProtectionCheck, ProtectionService } from "../../protection.service.js";
import { enrolmentHref, forbidden, notFound, protectionHref } from "../shared.js";
import { type CheckForm, checkForm } from "./schema.js";

const sourceNames: Record<ProtectionCheck["source"], string> = {
  manual: "Entered by hand",
  caseloads: "Caseload records",
};

/** The template's protected caseload in words. */
function capText(terms: ProtectionTerms, teamTarget: number): string {
  const cap = caseloadCap(terms, teamTarget);
  if (cap === null) return "Not protected by the programme";
  if (terms.protectedCaseloadChildren !== null) return `At most ${cap} children`;
  return `At most ${cap} children (${percentText(terms.protectedCaseloadPercent ?? 0)} of a team caseload target of ${teamTarget})`;
}

/** The warnings to show for a breached protection, in words. */
function breaches(status: ProtectionStatus): string[] {
  const out: string[] = [];
  const { caseload, developmentTime } = status;
  if (caseload.breached)
    out.push(
      `Caseload over the protected cap: ${caseload.actual} children allocated, the cap is ${caseload.cap}.`,
    );
  if (developmentTime.breached)
    out.push(
      `Development time below the protected share: ${percentText(developmentTime.actual ?? 0)} of their time, at least ${percentText(developmentTime.required ?? 0)} is protected.`,
    );
  return out;
}

/**
 * `/early-career/enrolments/:enrolmentId/protection`: the NQSW's protected caseload and
 * development time, the latest readings against them (breaches flagged) and the history of
 * checks. Everyone who reaches the enrolment sees it; the co-ordinator and the NQSW's named line
 * manager record checks (others who see it get 403).
 */
export async function protectionRoutes(app: FastifyInstance, opts: { protection: ProtectionService }) {
  const { protection } = opts;
  const permission = earlyCareerPermissions.view;
  type Req = FastifyRequest<{ Params: { enrolmentId: string }; Querystring: Record<string, unknown> }>;

  async function render(
    request: Req,
    reply: FastifyReply,
    enrolment: ReachedEnrolment,
    canRecord: boolean,
    form: FormState,
  ) {
    const { terms, status, checks, teamTarget } = await protection.protection(
      request.tenantContext(),
      enrolment.id,
    );
    const href = protectionHref(enrolment.id);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/dashboard/pages/protection/view.njk", {
        pageTitle: `Protection: ${enrolment.personName}`,
        personName: enrolment.personName,
        backHref: enrolmentHref(enrolment.id),
        action: href,
        exportBase: `${href}?`,
        breaches: breaches(status),
        capText: capText(terms, teamTarget),
        requiredText:
          terms.protectedTimePercent === null
            ? "Not protected by the programme"
            : `At least ${percentText(terms.protectedTimePercent)} of their time`,
        caseload: status.caseload,
        developmentTime: status.developmentTime,
        timeText: status.developmentTime.actual === null ? null : percentText(status.developmentTime.actual),
        checks: checks.map((c) => ({
          recordedOn: c.recordedOn,
          children: c.caseloadChildren === null ? "" : String(c.caseloadChildren),
          time: c.developmentTimePercent === null ? "" : percentText(c.developmentTimePercent),
          source: sourceNames[c.source],
          notes: c.notes ?? "",
        })),
        canRecord,
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        notification: takeNotice(request),
      });
  }

  async function reach(request: Req) {
    const reached = await reachEnrolment(app, request, request.params.enrolmentId);
    if (!reached) return null;
    const { relation } = reached;
    return { ...reached, canRecord: relation.coordinator || relation.lineManager };
  }

  app.get<{ Params: { enrolmentId: string }; Querystring: Record<string, unknown> }>(
    "/early-career/enrolments/:enrolmentId/protection",
    { config: { permission } },
    async (request, reply) => {
      const reached = await reach(request);
      if (!reached) return notFound(reply);
      const format = exportFormat(request.query.format);
      if (format) {
        const { checks } = await protection.protection(request.tenantContext(), reached.enrolment.id);
        return sendExport(
          reply,
          format,
          `protection-checks-${reached.enrolment.personName}`,
          [
            { header: "Date", value: (c: ProtectionCheck) => formatDate(c.recordedOn, false) },
            { header: "Children allocated", value: (c: ProtectionCheck) => c.caseloadChildren },
            { header: "Development time (%)", value: (c: ProtectionCheck) => c.developmentTimePercent },
            { header: "Source", value: (c: ProtectionCheck) => sourceNames[c.source] },
            { header: "Notes", value: (c: ProtectionCheck) => c.notes },
          ],
          checks,
        );
      }
      return render(request, reply, reached.enrolment, reached.canRecord, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { enrolmentId: string }; Querystring: Record<string, unknown> }>(
    "/early-career/enrolments/:enrolmentId/protection",
    { config: { permission, form: checkForm } },
    async (request, reply) => {
      const reached = await reach(request);
      if (!reached) return notFound(reply);
      if (!reached.canRecord) return forbidden(reply);
      const result = request.formResult as FormResult<CheckForm>;
      if (!result.ok) return render(request, reply, reached.enrolment, true, result);
      try {
        await protection.recordCheck(request.tenantContext(), reached.enrolment.id, result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const values = { ...((request.body as Record<string, unknown>) ?? {}) };
        delete values._csrf;
        return render(request, reply, reached.enrolment, true, { values, ...ruleErrorView(err) });
      }
      setNotice(request, "Protection check recorded");
      return reply.redirect(protectionHref(reached.enrolment.id), 303);
    },
  );
}
