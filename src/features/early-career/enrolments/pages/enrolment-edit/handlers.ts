import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { Enrolment } from "../../enrolments.service.js";
import {
  enrolmentHref,
  notFound,
  type PageOptions,
  ruleErrorState,
  supportInput,
  supportItems,
} from "../shared.js";
import { type EnrolmentEditForm, enrolmentEditForm, type WithdrawForm, withdrawForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { enrolmentId: string } }>;

/**
 * `/early-career/enrolments/:enrolmentId/edit` (the people, team, FTE and registration date; an
 * FTE change moves the dates) and `/withdraw` (co-ordinator).
 */
export async function enrolmentEditRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  const permission = earlyCareerPermissions.manage;

  /** The active enrolment if the viewer reaches it (the co-ordinator always does). */
  async function activeEnrolment(request: Req): Promise<Enrolment | null> {
    const reached = await reachEnrolment(app, request, request.params.enrolmentId);
    if (!reached?.relation.coordinator) return null;
    const e = await enrolments.enrolment(request.tenantContext(), reached.enrolment.id);
    return e?.status === "active" ? e : null;
  }

  async function render(request: Req, reply: FastifyReply, e: Enrolment, form: FormState) {
    const v = form.values;
    const { items } = await supportItems(app, enrolments, request, v, {
      unit: "Not recorded",
      lineManager: "Not recorded",
    });
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/enrolments/pages/enrolment-edit/view.njk", {
        pageTitle: `Change ${e.personName}'s programme`,
        e,
        backHref: enrolmentHref(e.id),
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        ...items,
      });
  }

  app.get<{ Params: { enrolmentId: string } }>(
    "/early-career/enrolments/:enrolmentId/edit",
    { config: { permission } },
    async (request, reply) => {
      const e = await activeEnrolment(request);
      if (!e) return notFound(reply);
      return render(request, reply, e, {
        values: {
          ...dateInputValues("registered_on", e.registeredOn),
          fte: String(e.fte),
          org_unit_id: e.orgUnitId ?? "",
          line_manager_person_id: e.lineManagerPersonId ?? "",
          assessor_person_id: e.assessorPersonId ?? "",
          mentor_person_id: e.mentorPersonId ?? "",
        },
        errors: {},
      });
    },
  );

  app.post<{ Params: { enrolmentId: string } }>(
    "/early-career/enrolments/:enrolmentId/edit",
    { config: { permission, form: enrolmentEditForm } },
    async (request, reply) => {
      const e = await activeEnrolment(request);
      if (!e) return notFound(reply);
      const result = request.formResult as FormResult<EnrolmentEditForm>;
      if (!result.ok) return render(request, reply, e, result);
      const f = result.data;
      try {
        await enrolments.editEnrolment(request.tenantContext(), e.id, {
          registeredOn: f.registered_on,
          fte: f.fte,
          ...supportInput(f),
        });
        setNotice(
          request,
          f.fte !== e.fte
            ? "Enrolment changed: the dates are worked out again for the new FTE"
            : "Enrolment changed",
        );
        return reply.redirect(enrolmentHref(e.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, e, ruleErrorState(err, request.body));
      }
    },
  );

  const renderWithdraw = (reply: FastifyReply, e: Enrolment, form: FormState) =>
    reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/enrolments/pages/enrolment-edit/withdraw.njk", {
        pageTitle: `Withdraw ${e.personName} from the programme`,
        e,
        backHref: enrolmentHref(e.id),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });

  app.get<{ Params: { enrolmentId: string } }>(
    "/early-career/enrolments/:enrolmentId/withdraw",
    { config: { permission } },
    async (request, reply) => {
      const e = await activeEnrolment(request);
      if (!e) return notFound(reply);
      return renderWithdraw(reply, e, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { enrolmentId: string } }>(
    "/early-career/enrolments/:enrolmentId/withdraw",
    { config: { permission, form: withdrawForm } },
    async (request, reply) => {
      const e = await activeEnrolment(request);
      if (!e) return notFound(reply);
      const result = request.formResult as FormResult<WithdrawForm>;
      if (!result.ok) return renderWithdraw(reply, e, result);
      try {
        await enrolments.withdraw(request.tenantContext(), e.id, result.data.withdrawn_reason);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderWithdraw(reply, e, ruleErrorState(err, request.body));
      }
      setNotice(request, `${e.personName} withdrawn from the programme`);
      return reply.redirect(enrolmentHref(e.id), 303);
    },
  );
}
