import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { routes } from "../../../schema.js";
import type { CoreTrainingResult } from "../../enrolments.service.js";
import { routeNames } from "../../reference.js";
import {
  cohortHref,
  dateText,
  enrolmentHref,
  notFound,
  type PageOptions,
  ruleErrorState,
  selectItems,
  supportInput,
  supportItems,
} from "../shared.js";
import { type EnrolForm, enrolForm } from "./schema.js";

/** What the booking of each core course came to, in words for the confirmation notice. */
export function trainingText(results: CoreTrainingResult[]): string {
  if (!results.length) return "";
  const line = (r: CoreTrainingResult) => {
    const on = r.startsOn ? ` starting ${dateText(r.startsOn)}` : "";
    switch (r.outcome) {
      case "booked":
        return `${r.courseTitle}: booked on the session${on}`;
      case "waiting":
        return `${r.courseTitle}: on the waiting list for the session${on}`;
      case "already_booked":
        return `${r.courseTitle}: already booked on the session${on}`;
      case "no_session":
        return `${r.courseTitle}: no session open for booking yet`;
      default:
        return `${r.courseTitle}: not booked${r.message ? ` (${r.message})` : ""}`;
    }
  };
  return ` Core training: ${results.map(line).join("; ")}.`;
}

/** `/early-career/cohorts/:cohortId/enrol`: enrolling a newly qualified social worker (co-ordinator). */
export async function enrolRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  const permission = earlyCareerPermissions.manage;
  type Req = FastifyRequest<{ Params: { cohortId: string } }>;

  async function cohortOf(request: Req) {
    if (!isUuid(request.params.cohortId)) return null;
    return enrolments.cohort(request.tenantContext(), request.params.cohortId);
  }

  async function render(
    request: Req,
    reply: FastifyReply,
    cohort: { id: string; name: string; programmeName: string },
    form: FormState,
  ) {
    const v = form.values;
    const { choices, items } = await supportItems(app, enrolments, request, v, {
      unit: "Their team now",
      lineManager: "Their line manager now",
    });
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/enrolments/pages/enrol/view.njk", {
        pageTitle: `Enrol on ${cohort.name}`,
        cohort,
        backHref: cohortHref(cohort.id),
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        personItems: selectItems(choices.nqsws, v.person_id, "Select a person"),
        routeItems: routes.map((r, i) => ({
          value: r,
          text: routeNames[r],
          ...(i === 0 ? { id: "route" } : {}),
          checked: v.route === r,
        })),
        ...items,
      });
  }

  app.get<{ Params: { cohortId: string } }>(
    "/early-career/cohorts/:cohortId/enrol",
    { config: { permission } },
    async (request, reply) => {
      const cohort = await cohortOf(request);
      if (!cohort) return notFound(reply);
      return render(request, reply, cohort, {
        values: dateInputValues("start_on", cohort.intakeOn),
        errors: {},
      });
    },
  );

  app.post<{ Params: { cohortId: string } }>(
    "/early-career/cohorts/:cohortId/enrol",
    { config: { permission, form: enrolForm } },
    async (request, reply) => {
      const cohort = await cohortOf(request);
      if (!cohort) return notFound(reply);
      const result = request.formResult as FormResult<EnrolForm>;
      if (!result.ok) return render(request, reply, cohort, result);
      const f = result.data;
      try {
        const { enrolmentId, training } = await enrolments.enrol(request.tenantContext(), cohort.id, {
          personId: f.person_id,
          route: f.route,
          registeredOn: f.registered_on,
          startOn: f.start_on,
          fte: f.fte,
          ...supportInput(f),
        });
        const enrolment = await enrolments.enrolment(request.tenantContext(), enrolmentId);
        setNotice(
          request,
          `${enrolment?.personName ?? "The NQSW"} enrolled on ${cohort.name}.${trainingText(training)}`,
        );
        return reply.redirect(enrolmentHref(enrolmentId), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, cohort, ruleErrorState(err, request.body));
      }
    },
  );
}
