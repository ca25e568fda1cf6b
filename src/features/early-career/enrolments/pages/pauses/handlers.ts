import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type FormState, validateForm } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { pauseReasons } from "../../../schema.js";
import type { Enrolment } from "../../enrolments.service.js";
import { pauseReasonNames } from "../../reference.js";
import { dateText, enrolmentHref, notFound, type PageOptions, ruleErrorState } from "../shared.js";
import { addPauseForm, endPauseForm, pausesPost } from "./schema.js";

type Req = FastifyRequest<{ Params: { enrolmentId: string } }>;

/**
 * `/early-career/enrolments/:enrolmentId/pauses` (co-ordinator): maternity, adoption or shared
 * parental leave, long sickness. A pause is not an extension: no programme time is served while
 * it lasts, so every later date moves by the paused days. An open pause is ended here.
 */
export async function pausesRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  const permission = earlyCareerPermissions.manage;
  const url = "/early-career/enrolments/:enrolmentId/pauses";

  async function enrolmentFor(request: Req): Promise<Enrolment | null> {
    const reached = await reachEnrolment(app, request, request.params.enrolmentId);
    if (!reached?.relation.coordinator) return null;
    return enrolments.enrolment(request.tenantContext(), reached.enrolment.id);
  }

  async function render(request: Req, reply: FastifyReply, e: Enrolment, form: FormState) {
    const pauses = await enrolments.pauses(request.tenantContext(), e.id);
    const v = form.values;
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/enrolments/pages/pauses/view.njk", {
        pageTitle: `Pauses: ${e.personName}`,
        e,
        active: e.status === "active",
        backHref: enrolmentHref(e.id),
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        pauses: pauses.map((p) => ({
          id: p.id,
          reason: pauseReasonNames[p.reason],
          from: dateText(p.fromOn),
          to: p.toOn ? dateText(p.toOn) : null,
          notes: p.notes,
        })),
        openPause: pauses.find((p) => p.toOn === null) ?? null,
        reasonItems: pauseReasons.map((r, i) => ({
          value: r,
          text: pauseReasonNames[r],
          ...(i === 0 ? { id: "reason" } : {}),
          checked: v.reason === r,
        })),
      });
  }

  app.get<{ Params: { enrolmentId: string } }>(url, { config: { permission } }, async (request, reply) => {
    const e = await enrolmentFor(request);
    if (!e) return notFound(reply);
    return render(request, reply, e, { values: {}, errors: {} });
  });

  app.post<{ Params: { enrolmentId: string } }>(
    url,
    { config: { permission, form: pausesPost } },
    async (request, reply) => {
      const e = await enrolmentFor(request);
      if (!e) return notFound(reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const ctx = request.tenantContext();
      try {
        if (body.action === "end") {
          const result = validateForm(endPauseForm, body);
          if (!result.ok) return render(request, reply, e, result);
          await enrolments.endPause(ctx, e.id, result.data.pause_id, result.data.ended_on);
          setNotice(request, "Pause ended: the dates are worked out again");
        } else {
          const result = validateForm(addPauseForm, body);
          if (!result.ok) return render(request, reply, e, result);
          const f = result.data;
          await enrolments.addPause(ctx, e.id, {
            reason: f.reason,
            fromOn: f.from_on,
            toOn: f.to_on,
            notes: f.notes,
          });
          setNotice(request, "Pause recorded: the later dates have moved by the paused days");
        }
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, e, ruleErrorState(err, body));
      }
      return reply.redirect(enrolmentHref(e.id), 303);
    },
  );
}
