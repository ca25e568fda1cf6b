import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { Agreement } from "../../policy.service.js";
import {
  agreementHref,
  dateText,
  forbidden,
  isUuid,
  mayRecordFor,
  notFound,
  type PageOptions,
  ruleErrorState,
  seesPerson,
} from "../shared.js";
import { type AgreementForm, agreementForm } from "./schema.js";

export function agreementLines(a: Agreement) {
  return {
    ...a,
    href: agreementHref(a.id),
    agreed: dateText(a.agreedOn),
    review: a.reviewOn ? dateText(a.reviewOn) : "",
    superviseeSigned: a.superviseeSignedOn ? dateText(a.superviseeSignedOn) : "",
    supervisorSigned: a.supervisorSignedOn ? dateText(a.supervisorSignedOn) : "",
  };
}

/**
 * `/supervision/people/:personId/agreement`: the person's current agreement and its history, and
 * (for their managers and HR or the PSW) a form to record a new one.
 */
export async function agreementRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;
  const permission = supervisionPermissions.view;

  async function load(request: FastifyRequest<{ Params: { personId: string } }>) {
    const { personId } = request.params;
    if (!isUuid(personId)) return undefined;
    const page = await policy.agreementsPage(request.tenantContext(), personId);
    if (!page) return undefined;
    const me = request.principal?.personId ?? null;
    const named = me !== null && page.current?.supervisorPersonId === me;
    if (!named && !(await seesPerson(app, request, personId))) return undefined;
    return { personId, page, mayRecord: await mayRecordFor(app, request, personId) };
  }

  function render(
    reply: FastifyReply,
    request: FastifyRequest,
    loaded: NonNullable<Awaited<ReturnType<typeof load>>>,
    form: FormState,
  ) {
    const { page, personId } = loaded;
    const me = request.principal?.personId ?? null;
    const v = form.values;
    const supervisor = String(v.supervisor_person_id ?? "");
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/policy/pages/agreement/view.njk", {
        pageTitle: `Supervision agreement: ${page.name}`,
        notification: takeNotice(request),
        name: page.name,
        own: me === personId,
        personHref: `/supervision/people/${personId}`,
        current: page.current ? agreementLines(page.current) : null,
        reviewDue: page.reviewDue,
        history: page.history.map(agreementLines),
        mayRecord: loaded.mayRecord,
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        supervisorItems: [
          { value: "", text: "Select the supervisor", selected: supervisor === "" },
          ...page.supervisors.map((s) => ({ value: s.id, text: s.name, selected: supervisor === s.id })),
        ],
      });
  }

  app.get<{ Params: { personId: string } }>(
    "/supervision/people/:personId/agreement",
    { config: { permission } },
    async (request, reply) => {
      const loaded = await load(request);
      if (!loaded) return notFound(reply);
      const { current, lineManager } = loaded.page;
      const supervisor = current?.supervisorPersonId ?? lineManager ?? "";
      return render(reply, request, loaded, {
        values: {
          supervisor_person_id: supervisor,
          frequency_text: current?.frequencyText ?? "",
          arrangements: current?.arrangements ?? "",
        },
        errors: {},
      });
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/supervision/people/:personId/agreement",
    { config: { permission, form: agreementForm } },
    async (request, reply) => {
      const loaded = await load(request);
      if (!loaded) return notFound(reply);
      if (!loaded.mayRecord) return forbidden(reply);
      const result = request.formResult as FormResult<AgreementForm>;
      if (!result.ok) return render(reply, request, loaded, result);
      try {
        const id = await policy.recordAgreement(request.tenantContext(), loaded.personId, {
          supervisorPersonId: result.data.supervisor_person_id,
          agreedOn: result.data.agreed_on,
          reviewOn: result.data.review_on,
          frequencyText: result.data.frequency_text,
          arrangements: result.data.arrangements,
        });
        setNotice(
          request,
          "Supervision agreement recorded. The supervisee and the supervisor can now sign it",
        );
        return reply.redirect(agreementHref(id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, request, loaded, ruleErrorState(err, request.body));
      }
    },
  );
}
