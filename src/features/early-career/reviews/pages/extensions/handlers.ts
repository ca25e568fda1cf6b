import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../../platform/forms/form.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import {
  dateText,
  enrolmentPage,
  enrolmentPageView,
  notFound,
  type PageOptions,
  recordOnEnrolment,
} from "../shared.js";
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
    const found = await enrolmentPage(app, request, (ctx, id) => reviews.extensions(ctx, id));
    if (!found) return notFound(reply);
    const { enrolment, relation, page } = found;
    const e = page.enrolment;
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/extensions/view.njk", {
        ...enrolmentPageView(request, enrolment, "Extensions", form),
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
    (request, reply) =>
      recordOnEnrolment<ExtensionForm>(app, request, reply, {
        render: (form) => render(request, reply, form),
        record: (ctx, id, data) => reviews.recordExtension(ctx, id, data),
        notice: (data) =>
          `Programme extended to ${dateText(data.newEndOn)}: the milestones' dates have moved`,
        page: "extensions",
      }),
  );
}
