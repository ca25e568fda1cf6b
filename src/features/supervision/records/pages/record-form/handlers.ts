import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { supervisionPermissions } from "../../../permissions.js";
import { type PersonFacts, recordableKinds, type SupervisionRow } from "../../records.service.js";
import {
  kindNames,
  mayChange,
  notFound,
  type PageOptions,
  personHref,
  reachPerson,
  reachRecord,
  recordHref,
} from "../shared.js";
import { type RecordForm, recordForm } from "./schema.js";

type Values = Record<string, unknown>;

function valuesOf(r: SupervisionRow): Values {
  return {
    ...dateInputValues("held_on", r.heldOn),
    supervisor_person_id: r.supervisorPersonId ?? "",
    kind: r.kind,
    status: r.status,
    cancelled_reason: r.cancelledReason ?? "",
    ...dateInputValues("rearranged_on", r.rearrangedOn),
    duration: r.durationMinutes === null ? "" : String(r.durationMinutes),
    actions: r.actions ?? "",
  };
}

/**
 * `/supervision/people/:personId/record` (record a supervision of someone in scope, never of
 * oneself) and `/supervision/records/:supervisionId/edit` (its recorder or supervisor changes it;
 * the supervisee is asked to confirm again).
 */
export async function recordFormRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = supervisionPermissions.record;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonFacts,
    form: FormState,
    editing: SupervisionRow | null,
  ) {
    const ctx = request.tenantContext();
    const v = form.values;
    const [choices, status] = await Promise.all([
      opts.records.supervisorChoices(ctx),
      app.supervisionCompliance.personStatus(ctx, person.id),
    ]);
    const expected = status.rule?.expectedMinutes ?? null;
    const selected = String(v.supervisor_person_id ?? "");
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("supervision/records/pages/record-form/view.njk", {
        pageTitle: editing
          ? `Change a supervision of ${person.name}`
          : `Record a supervision of ${person.name}`,
        heading: editing ? "Change a supervision" : "Record a supervision",
        person,
        editing: editing !== null,
        confirmed: editing?.confirmedOn != null,
        backHref: editing ? recordHref(editing.id) : personHref(person.id),
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        durationHint: expected
          ? `In minutes. The supervision policy expects ${expected} minutes.`
          : "In minutes, like 90",
        supervisorItems: [
          { value: "", text: "Select the supervisor" },
          ...choices.map((c) => ({ value: c.id, text: c.text, selected: c.id === selected })),
        ],
        kindItems: recordableKinds.map((k, i) => ({
          value: k,
          text: kindNames[k],
          ...(i === 0 ? { id: "kind" } : {}),
          checked: v.kind === k,
        })),
      });
  }

  function ruleError(err: RuleError, body: unknown): FormState {
    const values = typeof body === "object" && body !== null ? { ...(body as Values) } : {};
    delete values._csrf;
    return { values, ...ruleErrorView(err) };
  }

  /** The person in scope for recording, never the viewer themselves. */
  async function superviseeOf(request: FastifyRequest<{ Params: { personId: string } }>) {
    const person = await reachPerson(app, opts, request, request.params.personId, permission);
    if (!person || person.id === request.principal?.personId) return undefined;
    return person;
  }

  app.get<{ Params: { personId: string } }>(
    "/supervision/people/:personId/record",
    { config: { permission } },
    async (request, reply) => {
      const person = await superviseeOf(request);
      if (!person) return notFound(reply);
      const me = request.principal?.personId ?? "";
      return render(
        request,
        reply,
        person,
        {
          values: {
            ...dateInputValues("held_on", opts.records.today()),
            supervisor_person_id: me,
            status: "held",
            kind: "individual",
          },
          errors: {},
        },
        null,
      );
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/supervision/people/:personId/record",
    { config: { permission, form: recordForm } },
    async (request, reply) => {
      const person = await superviseeOf(request);
      if (!person) return notFound(reply);
      const result = request.formResult as FormResult<RecordForm>;
      if (!result.ok) return render(request, reply, person, result, null);
      try {
        const id = await opts.records.create(
          request.tenantContext(),
          person.id,
          result.data.input,
          { personId: request.principal?.personId ?? null },
          result.data.note,
        );
        setNotice(request, `Supervision recorded. ${person.name} has been asked to confirm it.`);
        return reply.redirect(recordHref(id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, person, ruleError(err, request.body), null);
      }
    },
  );

  /** The record, if the viewer may change it; and its supervisee. */
  async function editable(request: FastifyRequest<{ Params: { supervisionId: string } }>) {
    const reached = await reachRecord(app, opts, request, request.params.supervisionId);
    if (!reached || !mayChange(app, request, reached.relation, reached.record)) return undefined;
    const person = await opts.records.person(request.tenantContext(), reached.record.personId);
    return person ? { record: reached.record, person } : undefined;
  }

  app.get<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId/edit",
    { config: { permission } },
    async (request, reply) => {
      const found = await editable(request);
      if (!found) return notFound(reply);
      return render(
        request,
        reply,
        found.person,
        { values: valuesOf(found.record), errors: {} },
        found.record,
      );
    },
  );

  app.post<{ Params: { supervisionId: string } }>(
    "/supervision/records/:supervisionId/edit",
    { config: { permission, form: recordForm } },
    async (request, reply) => {
      const found = await editable(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<RecordForm>;
      if (!result.ok) return render(request, reply, found.person, result, found.record);
      try {
        await opts.records.update(request.tenantContext(), found.record.id, result.data.input);
        setNotice(request, `Supervision changed. ${found.person.name} has been asked to confirm it again.`);
        return reply.redirect(recordHref(found.record.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, found.person, ruleError(err, request.body), found.record);
      }
    },
  );
}
