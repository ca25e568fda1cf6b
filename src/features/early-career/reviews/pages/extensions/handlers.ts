import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { dateText, enrolmentHref, notFound, type PageOptions, ruleErrorState } from "../shared.js";
import { type ExtensionForm, extensionForm } from "./schema.js";

type Params = { enrolmentId: string };

/**
 * `/early-career/enrolments/:enrolmentId/extensions`: the extension history, and for the
 * co-ordinator the form to extend the programme (within the template's most months in all).
 */
export async function extensionRoutes(app: FastifyInstance, opts: PageOptions) {
  const { reviews } = opts;
  const url = "/early-career/enrolments/:enrolmentId/extensions";

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    form: FormState | null,
  ) {
    const reached = await reachEnrolment(app, request, request.params.enrolmentId);
    if (!reached) return notFound(reply);
    const { enrolment, relation } = reached;
    const page = await reviews.extensions(request.tenantContext(), enrolment.id);
    if (!page) return notFound(reply);
    const e = page.enrolment;
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/extensions/view.njk", {
        pageTitle: `Extensions: ${enrolment.personName}`,
        backHref: enrolmentHref(enrolment.id),
        notification: takeNotice(request),
        personName: enrolment.personName,
        errors: form?.errors ?? {},
        errorSummary: form?.errorSummary ?? [],
        values: form?.values ?? {},
        endOn: dateText(e.endOn),
        startOn: dateText(e.startOn),
        latestEnd: dateText(page.latestEnd),
        maxMonths: e.maxMonths,
        history: page.history.map((x) => ({
          recorded: dateText(x.recordedOn),
          newEnd: dateText(x.newEndOn),
          approvedBy: x.approvedBy,
          reason: x.reason,
        })),
        canExtend: relation.coordinator && e.status === "active",
      });
  }

  app.get<{ Params: Params }>(
    url,
    { config: { permission: earlyCareerPermissions.view } },
    (request, reply) => render(request, reply, null),
  );

  app.post<{ Params: Params }>(
    url,
    { config: { permission: earlyCareerPermissions.manage, form: extensionForm } },
    async (request, reply) => {
      const reached = await reachEnrolment(app, request, request.params.enrolmentId);
      if (!reached) return notFound(reply);
      const result = request.formResult as FormResult<ExtensionForm>;
      if (!result.ok) return render(request, reply, result);
      try {
        await reviews.recordExtension(request.tenantContext(), reached.enrolment.id, result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, ruleErrorState(err, request.body));
      }
      setNotice(
        request,
        `Programme extended to ${dateText(result.data.newEndOn)}: the milestones' dates have moved`,
      );
      return reply.redirect(`${enrolmentHref(reached.enrolment.id)}/extensions`, 303);
    },
  );
}
