import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { type FormState, validateForm } from "../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { pageNumber, paginationItems } from "../../../../platform/http/pagination.js";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { chooseUnit, unitItems } from "../../../people/unit-choice.js";
import { enteredKeys, type MeasureKey, measureDefinitions } from "../../library/definitions.js";
import { monthEnd, monthEnds, periodName, previousMonthEnd } from "../../library/periods.js";
import {
  formBody,
  notFound,
  readUnitForm,
  type UnitFormPage,
  unitFormItems,
  unitRecordRefused,
} from "../../pages-shared.js";
import { performancePermissions } from "../../permissions.js";
import { figure } from "../../targets/shared.js";
import type { EntriesService, EntryRow, SaveOutcome } from "../entries.service.js";
import { type EntryFormData, entryForm } from "../schema.js";

const { view, manage } = performancePermissions;
const PAGE_SIZE = 50;
type IdRequest = FastifyRequest<{ Params: { entryId: string } }>;

const notices: Record<SaveOutcome, string> = {
  added: "Value added",
  replaced: "Value replaced: the month already had one",
  unchanged: "No changes: the month already had these figures",
};

function measureTitle(key: string): string {
  return measureDefinitions[key as MeasureKey]?.title ?? key;
}

/**
 * `/performance/entries`: values of the measures held elsewhere (case management, quality
 * assurance), one per measure, unit (blank: the council) and month, entered on a form; the same
 * month again replaces the value.
 */
export async function entriesRoutes(app: FastifyInstance, opts: { entries: EntriesService }) {
  const { entries } = opts;
  const latest = () => monthEnd(entries.today());
  const form = entryForm(latest);

  app.get("/performance/entries", { config: { permission: view } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const scope = request.scope();
    const choice = await chooseUnit(app, request.tenantContext(), scope, query.unit, { fallback: "all" });
    if (!choice) return notFound(reply);
    const { unit, rows: units } = choice;
    const measureKey =
      typeof query.measure === "string" && (enteredKeys as string[]).includes(query.measure)
        ? query.measure
        : null;
    const filter = {
      measureKeys: enteredKeys,
      measureKey,
      unitId: unit?.orgUnitId ?? null,
      unitIds: scope.tenant ? null : units.map((u) => u.orgUnitId),
    };
    const format = exportFormat(query.format);
    if (format) {
      const { rows } = await entries.list(request.tenantContext(), filter, { limit: 100_000, offset: 0 });
      return sendExport(reply, format, "performance-entries", exportColumns, rows);
    }
    const page = pageNumber(query.page);
    const { total, rows } = await entries.list(request.tenantContext(), filter, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const params = (extra: Record<string, string>) =>
      new URLSearchParams({
        ...(measureKey ? { measure: measureKey } : {}),
        ...(unit ? { unit: unit.orgUnitId } : {}),
        ...extra,
      }).toString();
    const manageScope = can(app, request, manage) ? request.scope(manage) : null;
    const reach = new Set(units.map((u) => u.orgUnitId));
    return reply.render("performance/entries/pages/list.njk", {
      pageTitle: "Entered values",
      measureItems: [
        { value: "", text: "Every entered measure" },
        ...enteredKeys.map((k) => ({ value: k, text: measureTitle(k), selected: k === measureKey })),
      ],
      unitItems: unitItems(
        units,
        unit?.orgUnitId ?? null,
        scope.tenant ? "The council and every unit" : "The council and your units",
      ),
      rows: rows.map((e) => ({
        ...describe(e),
        editHref:
          manageScope && (e.orgUnitId === null ? manageScope.tenant : reach.has(e.orgUnitId))
            ? `/performance/entries/${e.id}/edit`
            : null,
      })),
      total,
      manage: manageScope !== null,
      exportBase: `/performance/entries?${params({}) ? `${params({})}&` : ""}`,
      pagination: paginationItems(
        page,
        Math.max(1, Math.ceil(total / PAGE_SIZE)),
        (n) => `/performance/entries?${params({ page: String(n) })}`,
      ),
      notification: takeNotice(request),
    });
  });

  async function renderForm(reply: FastifyReply, state: FormState, page: UnitFormPage<EntryRow>) {
    const v = state.values;
    const months = monthEnds(latest(), 24).reverse();
    return reply.code(state.errorSummary?.length ? 400 : 200).render("performance/entries/pages/form.njk", {
      pageTitle: page.editing ? "Change an entered value" : "Enter a value",
      editing: page.editing ? describe(page.editing) : null,
      values: v,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      measureItems: [
        { value: "", text: "Select a measure" },
        ...enteredKeys.map((k) => ({ value: k, text: measureTitle(k), selected: k === v.measure })),
      ],
      ...unitFormItems(page, v.org_unit_id),
      monthItems: [
        { value: "", text: "Select the month" },
        ...months.map((m) => ({ value: m, text: periodName(m), selected: m === v.period_end })),
      ],
    });
  }

  app.get("/performance/entries/new", { config: { permission: manage } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const scope = request.scope();
    const choice = await chooseUnit(app, request.tenantContext(), scope, query.unit, { fallback: "all" });
    if (!choice) return notFound(reply);
    const measure =
      typeof query.measure === "string" && (enteredKeys as string[]).includes(query.measure)
        ? query.measure
        : "";
    return renderForm(
      reply,
      {
        values: {
          measure,
          org_unit_id: choice.unitId ?? "",
          period_end: previousMonthEnd(entries.today()),
        },
        errors: {},
      },
      { units: choice.rows, scope, editing: null },
    );
  });

  app.post("/performance/entries/new", { config: { permission: manage, form } }, async (request, reply) => {
    const form = await readUnitForm<EntryFormData>(app, request, "enters council-wide values");
    if (!form) return notFound(reply);
    if (form.invalid) return renderForm(reply, form.invalid, form.page);
    const outcome = await entries.save(request.tenantContext(), form.data, "form");
    setNotice(request, notices[outcome]);
    return reply.redirect(`/performance/entries?measure=${form.data.measureKey}`, 303);
  });

  /** The entry to change, or the reply already sent (404 out of reach, 403 council-wide for a unit's manager). */
  /** The entry and the form's page, or null: the reply sent (never the reply itself: it is thenable). */
  async function editable(request: IdRequest, reply: FastifyReply) {
    const id = request.params.entryId;
    const entry = isUuid(id) ? await entries.entry(request.tenantContext(), id) : null;
    if (!entry || !(enteredKeys as string[]).includes(entry.measureKey)) {
      notFound(reply);
      return null;
    }
    const refused = await unitRecordRefused(app, request, reply, entry.orgUnitId, {
      what: "council-wide values",
      back: { href: "/performance/entries", text: "Back to entered values" },
    });
    if (refused) return null;
    // The unit is the entry's: the form has no unit chooser.
    const page: UnitFormPage<EntryRow> = { units: [], scope: request.scope(), editing: entry };
    return { entry, page };
  }

  app.get(
    "/performance/entries/:entryId/edit",
    { config: { permission: manage } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!found) return reply;
      const e = found.entry;
      const text = (n: number | null) => (n === null ? "" : String(n));
      return renderForm(
        reply,
        {
          values: {
            value: text(e.value),
            numerator: text(e.numerator),
            denominator: text(e.denominator),
            note: e.note ?? "",
          },
          errors: {},
        },
        found.page,
      );
    },
  );

  app.post(
    "/performance/entries/:entryId/edit",
    { config: { permission: manage, form } },
    async (request: IdRequest, reply) => {
      const found = await editable(request, reply);
      if (!found) return reply;
      const e = found.entry;
      const body = formBody(request);
      // The measure, unit and month are the entry's: whatever else was sent.
      const result = validateForm(form, {
        ...body,
        measure: e.measureKey,
        org_unit_id: e.orgUnitId ?? "",
        period_end: e.periodEnd,
      });
      if (!result.ok)
        return renderForm(
          reply,
          { values: body, errors: result.errors, errorSummary: result.errorSummary },
          found.page,
        );
      const outcome = await entries.save(request.tenantContext(), result.data, "form");
      setNotice(request, notices[outcome]);
      return reply.redirect(`/performance/entries?measure=${e.measureKey}`, 303);
    },
  );
}

function describe(e: EntryRow) {
  return {
    ...e,
    title: measureTitle(e.measureKey),
    unitText: e.orgUnitId ? (e.unitName ?? "") : "The council",
    month: periodName(e.periodEnd),
    valueText: figure(e.measureKey, e.value),
    sourceText: e.source === "import" ? "Imported" : "Form",
  };
}

const exportColumns = [
  { header: "measure_key", value: (e: EntryRow) => e.measureKey },
  { header: "measure", value: (e: EntryRow) => measureTitle(e.measureKey) },
  { header: "unit", value: (e: EntryRow) => (e.orgUnitId ? (e.unitName ?? "") : "The council") },
  { header: "period_end", value: (e: EntryRow) => e.periodEnd },
  { header: "value", value: (e: EntryRow) => e.value },
  { header: "numerator", value: (e: EntryRow) => e.numerator },
  { header: "denominator", value: (e: EntryRow) => e.denominator },
  { header: "source", value: (e: EntryRow) => e.source },
  { header: "note", value: (e: EntryRow) => e.note },
];
