import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { pcfDomains } from "../../../../learning/reference.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { cpdPermissions } from "../../../permissions.js";
import type { CpdEntry } from "../../cpd-log.service.js";
import {
  categoryNames,
  cpdCategories,
  cpdKinds,
  defaultCategory,
  kindNames,
  kssGroupNames,
  kssStatements,
  sweStandardNumbers,
  sweStandards,
} from "../../reference.js";
import { entryFor, entryHref, hoursText, isUuid, notFound, type PageOptions } from "../shared.js";
import { type EntryForm, entryForm } from "./schema.js";

type Values = Record<string, unknown>;

const chosen = (v: unknown): Set<string> =>
  new Set((Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String));

/** Checkbox items; the first has the field's id (the error summary links to it). */
function checks(name: string, options: { value: string; text: string; hint?: string }[], v: unknown) {
  const set = chosen(v);
  return options.map((o, i) => ({
    value: o.value,
    text: o.text,
    ...(o.hint ? { hint: { text: o.hint } } : {}),
    id: i === 0 ? name : `${name}-${i + 1}`,
    checked: set.has(o.value),
  }));
}

/** The form's values from a stored entry (edit pages). */
function valuesOf(e: CpdEntry): Values {
  return {
    ...dateInputValues("entry_on", e.entryOn),
    title: e.title,
    kind: e.kind,
    category: e.category,
    hours: hoursText(e.hours),
    learnt: e.learnt ?? "",
    impact: e.impact ?? "",
    swe_standards: e.sweStandards.map(String),
    pcf_domains: e.pcfDomains,
    kss_statements: e.kssStatements,
    peer_name: e.peerName ?? "",
    ...dateInputValues("peer_on", e.peerOn),
    peer_notes: e.peerNotes ?? "",
    status: e.status,
    shared: e.sharedWithSupervisor ? "yes" : "",
    learning_record_id: e.learningRecordId ?? "",
  };
}

/**
 * `/cpd/entries/new` and `/cpd/entries/:cpdEntryId/edit`: the person's own entry.
 * `?learningRecordId=` starts a course entry from their learning record ("Record as CPD").
 */
export async function entryFormRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  const permission = cpdPermissions.own;

  function render(
    reply: FastifyReply,
    form: FormState,
    page: { editing: CpdEntry | null; fromLearning: string | null },
  ) {
    const v = form.values;
    const kindValue = String(v.kind ?? "");
    const editing = page.editing;
    return reply.code(form.errorSummary?.length ? 400 : 200).render("cpd/log/pages/entry-form/view.njk", {
      pageTitle: editing ? `Change ${editing.title}` : "Add a CPD entry",
      heading: editing ? "Change a CPD entry" : "Add a CPD entry",
      editing: editing ? { title: editing.title, final: editing.status === "final" } : null,
      fromLearning: page.fromLearning,
      backHref: editing ? entryHref(editing.id) : "/cpd",
      values: v,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
      kindItems: cpdKinds.map((k, i) => ({
        value: k,
        text: kindNames[k],
        hint: { text: `Usually ${categoryNames[defaultCategory[k]].toLowerCase()}` },
        ...(i === 0 ? { id: "kind" } : {}),
        checked: kindValue === k,
      })),
      categoryItems: [
        {
          value: "",
          text: "The usual category for the kind of learning",
          id: "category",
          checked: !v.category,
        },
        ...cpdCategories.map((c) => ({ value: c, text: categoryNames[c], checked: v.category === c })),
      ],
      standardItems: checks(
        "swe_standards",
        sweStandardNumbers.map((n) => ({ value: String(n), text: `${n}. ${sweStandards[n]}` })),
        v.swe_standards,
      ),
      pcfItems: checks(
        "pcf_domains",
        Object.entries(pcfDomains).map(([value, text]) => ({ value, text })),
        v.pcf_domains,
      ),
      kssItems: checks(
        "kss_statements",
        Object.entries(kssStatements).map(([value, text]) => ({
          value,
          text: `${kssGroupNames[value.startsWith("ps") ? "ps" : "cf"]}: ${text}`,
        })),
        v.kss_statements,
      ),
      statusItems: [
        {
          value: "draft",
          text: "Draft",
          hint: { text: "You can finish it later" },
          id: "status",
          checked: v.status === "draft",
        },
        {
          value: "final",
          text: "Final",
          hint: { text: "Finished: it counts towards Social Work England readiness" },
          checked: v.status === "final",
        },
      ],
      sharedItems: [
        {
          value: "yes",
          text: "Share this entry with my supervisor",
          hint: { text: "Your line manager and the managers of your service can read it and its evidence" },
          id: "shared",
          checked: v.shared === "yes" || (Array.isArray(v.shared) && v.shared.includes("yes")),
        },
      ],
    });
  }

  /** An error from the service shown like a validation error, with what was typed. */
  function ruleError(err: RuleError, body: unknown): FormState {
    const values = typeof body === "object" && body !== null ? { ...(body as Values) } : {};
    delete values._csrf;
    return { values, ...ruleErrorView(err) };
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd/entries/new",
    { config: { permission } },
    async (request, reply) => {
      const personId = request.principal?.personId;
      if (!personId) return notFound(reply);
      const recordId = request.query.learningRecordId;
      if (recordId !== undefined) {
        if (!isUuid(recordId)) return notFound(reply);
        const record = await cpdLog.learningRecord(request.tenantContext(), personId, recordId);
        if (!record) return notFound(reply);
        return render(
          reply,
          {
            values: {
              ...dateInputValues("entry_on", record.completedOn),
              title: record.title,
              kind: "course",
              hours: record.hours > 0 ? hoursText(record.hours) : "",
              learning_record_id: record.id,
            },
            errors: {},
          },
          { editing: null, fromLearning: record.title },
        );
      }
      return render(reply, { values: {}, errors: {} }, { editing: null, fromLearning: null });
    },
  );

  app.post(
    "/cpd/entries/new",
    { config: { permission, form: entryForm } },
    async (request: FastifyRequest, reply) => {
      const personId = request.principal?.personId;
      if (!personId) return notFound(reply);
      const result = request.formResult as FormResult<EntryForm>;
      const body = request.body as Values | undefined;
      const fromLearning = typeof body?.learning_record_id === "string" && body.learning_record_id !== "";
      const page = { editing: null, fromLearning: fromLearning ? String(body?.title ?? "") : null };
      if (!result.ok) return render(reply, result, page);
      try {
        const id = await cpdLog.create(request.tenantContext(), personId, result.data);
        setNotice(request, "CPD entry added");
        return reply.redirect(entryHref(id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, ruleError(err, request.body), page);
      }
    },
  );

  app.get<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId/edit",
    { config: { permission } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner) return notFound(reply);
      return render(
        reply,
        { values: valuesOf(access.entry), errors: {} },
        { editing: access.entry, fromLearning: null },
      );
    },
  );

  app.post<{ Params: { cpdEntryId: string } }>(
    "/cpd/entries/:cpdEntryId/edit",
    { config: { permission, form: entryForm } },
    async (request, reply) => {
      const access = await entryFor(app, cpdLog, request);
      if (!access?.owner) return notFound(reply);
      const result = request.formResult as FormResult<EntryForm>;
      const page = { editing: access.entry, fromLearning: null };
      if (!result.ok) return render(reply, result, page);
      try {
        await cpdLog.update(request.tenantContext(), access.entry.id, {
          ...result.data,
          // The link to the learning record is kept as it was; the form cannot change it.
          learningRecordId: access.entry.learningRecordId,
        });
        setNotice(request, "CPD entry changed");
        return reply.redirect(entryHref(access.entry.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, ruleError(err, request.body), page);
      }
    },
  );
}
