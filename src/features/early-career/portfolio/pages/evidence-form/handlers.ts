import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { storedFileExtensions, storedFileTypeName } from "../../../../../platform/files/file-store.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import type { EnrolmentRelation, ReachedEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { type EvidenceKind, evidenceKinds } from "../../../schema.js";
import type { EvidenceItem, PortfolioState } from "../../portfolio.service.js";
import { evidenceKindNames, frameworkName } from "../../reference.js";
import { type Adder, adderFor, closedReason, isOwnItem, kindsFor } from "../../rules.js";
import {
  dateText,
  type EnrolmentParams,
  type EvidenceParams,
  evidenceHref,
  forbidden,
  notFound,
  type PageOptions,
  portfolioHref,
  reached,
  ruleErrorState,
  sizeText,
  viewerOf,
} from "../shared.js";
import { type EvidenceForm, evidenceForm } from "./schema.js";

type Values = Record<string, unknown>;

const chosen = (v: unknown): Set<string> =>
  new Set((Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String));

function valuesOf(e: EvidenceItem): Values {
  return {
    kind: e.kind,
    title: e.title,
    ...dateInputValues("occurred_on", e.occurredOn),
    summary: e.summary ?? "",
    observer_name: e.observerName ?? "",
    standards: e.standards,
    learning_record_id: e.learningRecordId ?? "",
  };
}

interface Page {
  enrolment: ReachedEnrolment;
  state: PortfolioState;
  adder: Adder;
  editing: EvidenceItem | null;
}

/**
 * `.../portfolio/evidence/new` (`?kind=observation` starts a direct observation) and
 * `.../portfolio/evidence/:evidenceId/edit`. The NQSW adds any kind but direct observations and
 * changes their own items until they submit the portfolio; the assessor or the co-ordinator adds
 * any kind and changes their own items until the assessor signs off. Others who see the
 * enrolment get 403.
 */
export async function evidenceFormRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;
  const permission = earlyCareerPermissions.view;
  const maxBytes = Math.min(app.platform.config.uploadMaxBytes, portfolio.maxFileBytes);
  const form = evidenceForm(maxBytes);

  async function render(request: FastifyRequest, reply: FastifyReply, page: Page, f: FormState) {
    const v = f.values;
    const { enrolment, state, adder, editing } = page;
    const records = await portfolio.learningRecords(request.tenantContext(), enrolment.personId);
    const kinds = kindsFor(adder);
    const picked = chosen(v.standards);
    const frameworks = [...new Set(state.standards.map((s) => s.framework))];
    let n = 0;
    const groups = frameworks.map((framework) => ({
      name: frameworkName(framework),
      items: state.standards
        .filter((s) => s.framework === framework)
        .map((s) => {
          n += 1;
          const id = n === 1 ? "standards" : `standards-${n}`;
          return { id, value: s.code, text: `${s.code} ${s.title}`, checked: picked.has(s.code) };
        }),
    }));
    const base = portfolioHref(enrolment.id);
    return reply
      .code(f.errorSummary?.length ? 400 : 200)
      .render("early-career/portfolio/pages/evidence-form/view.njk", {
        pageTitle: editing ? `Change ${editing.title}` : "Add evidence",
        heading: editing
          ? "Change evidence"
          : v.kind === "observation"
            ? "Record a direct observation"
            : "Add evidence",
        caption: adder === "nqsw" ? "Your portfolio" : `Portfolio: ${enrolment.personName}`,
        backHref: editing ? evidenceHref(enrolment.id, editing.id) : base,
        values: v,
        errors: f.errors,
        errorSummary: f.errorSummary ?? [],
        kindItems: kinds.map((k, i) => ({
          value: k,
          text: evidenceKindNames[k],
          ...(i === 0 ? { id: "kind" } : {}),
          checked: v.kind === k,
        })),
        nqsw: adder === "nqsw",
        groups,
        recordItems: [
          { value: "", text: "None" },
          ...records.map((r) => ({
            value: r.id,
            text: `${r.title}, ${dateText(r.completedOn)}`,
            selected: v.learning_record_id === r.id,
          })),
        ],
        currentFile:
          editing?.filename && editing.sizeBytes !== null
            ? {
                name: editing.filename,
                size: sizeText(editing.sizeBytes),
                removeChecked: v.remove_file === "yes",
              }
            : null,
        typeName: storedFileTypeName,
        accept: storedFileExtensions.map((x) => `.${x}`).join(","),
        limit: sizeText(maxBytes),
        editing: editing !== null,
      });
  }

  function closed(reply: FastifyReply, enrolment: ReachedEnrolment, reason: string) {
    return reply.render("early-career/portfolio/pages/evidence-form/closed.njk", {
      pageTitle: "You cannot change the portfolio",
      reason,
      backHref: portfolioHref(enrolment.id),
    });
  }

  /**
   * The enrolment and what the viewer may do, or null: the answer sent (404, 403). Never the reply
   * itself: it is thenable, so an awaited reply reads as undefined.
   */
  async function start(
    request: FastifyRequest<{ Params: EnrolmentParams }>,
    reply: FastifyReply,
  ): Promise<{ page: Omit<Page, "editing">; relation: EnrolmentRelation } | null> {
    const found = await reached(app, request);
    if (!found) return answered(notFound(reply));
    const adder = adderFor(found.relation);
    if (!adder) return answered(forbidden(reply));
    const p = await portfolio.portfolio(request.tenantContext(), found.enrolment.id);
    if (!p) return answered(notFound(reply));
    return { page: { enrolment: found.enrolment, state: p.state, adder }, relation: found.relation };
  }

  /** Like start, for an item the viewer added. */
  async function startItem(request: FastifyRequest<{ Params: EvidenceParams }>, reply: FastifyReply) {
    // The item must exist for the 403 to be told from a 404.
    const s = await start(request, reply);
    if (!s) return null;
    if (!isUuid(request.params.evidenceId)) return answered(notFound(reply));
    const item = await portfolio.evidence(
      request.tenantContext(),
      s.page.enrolment.id,
      request.params.evidenceId,
    );
    if (!item) return answered(notFound(reply));
    if (!isOwnItem(item, viewerOf(request))) return answered(forbidden(reply));
    return { page: { ...s.page, editing: item } as Page };
  }

  const actorOf = (request: FastifyRequest, adder: Adder) => ({
    adder,
    personId: request.principal?.personId ?? null,
  });

  app.get<{ Params: EnrolmentParams; Querystring: Record<string, unknown> }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/new",
    { config: { permission } },
    async (request, reply) => {
      const s = await start(request, reply);
      if (!s) return reply;
      const reason = closedReason(s.page.adder, s.page.state);
      if (reason) return closed(reply, s.page.enrolment, reason);
      const kind = request.query.kind;
      if (refusedKind(s.page.adder, kind)) return forbidden(reply);
      const values: Values =
        typeof kind === "string" && kindsFor(s.page.adder).includes(kind as never) ? { kind } : {};
      return render(request, reply, { ...s.page, editing: null }, { values, errors: {} });
    },
  );

  app.post<{ Params: EnrolmentParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/new",
    { config: { permission, form } },
    async (request, reply) => {
      const s = await start(request, reply);
      if (!s) return reply;
      const page = { ...s.page, editing: null };
      if (refusedKind(page.adder, (request.body as Values | undefined)?.kind)) return forbidden(reply);
      const result = request.formResult as FormResult<EvidenceForm>;
      if (!result.ok) return render(request, reply, page, { ...result, values: formValues(result.values) });
      try {
        const id = await portfolio.add(
          request.tenantContext(),
          page.enrolment.id,
          actorOf(request, page.adder),
          result.data.input,
          result.data.file,
        );
        setNotice(request, "Evidence added");
        return reply.redirect(evidenceHref(page.enrolment.id, id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, page, ruleErrorState(err, request.body));
      }
    },
  );

  app.get<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId/edit",
    { config: { permission } },
    async (request, reply) => {
      const s = await startItem(request, reply);
      if (!s) return reply;
      const reason = closedReason(s.page.adder, s.page.state);
      if (reason) return closed(reply, s.page.enrolment, reason);
      const item = s.page.editing as EvidenceItem;
      return render(request, reply, s.page, { values: valuesOf(item), errors: {} });
    },
  );

  app.post<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId/edit",
    { config: { permission, form } },
    async (request, reply) => {
      const s = await startItem(request, reply);
      if (!s) return reply;
      const item = s.page.editing as EvidenceItem;
      if (refusedKind(s.page.adder, (request.body as Values | undefined)?.kind)) return forbidden(reply);
      const result = request.formResult as FormResult<EvidenceForm>;
      if (!result.ok) return render(request, reply, s.page, { ...result, values: formValues(result.values) });
      try {
        await portfolio.update(
          request.tenantContext(),
          s.page.enrolment.id,
          item.id,
          actorOf(request, s.page.adder),
          result.data.input,
          result.data.file,
          result.data.removeFile,
        );
        setNotice(request, "Evidence changed");
        return reply.redirect(evidenceHref(s.page.enrolment.id, item.id), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, s.page, ruleErrorState(err, request.body));
      }
    },
  );
}

/** A kind of evidence this adder may not add (the NQSW and direct observations): 403. */
function refusedKind(adder: Adder, kind: unknown): boolean {
  return (
    typeof kind === "string" &&
    (evidenceKinds as readonly string[]).includes(kind) &&
    !kindsFor(adder).includes(kind as EvidenceKind)
  );
}

/** What was typed, without the file (it is not sent back). */
function formValues(values: Values): Values {
  const out = { ...values };
  delete out.file;
  return out;
}

/** A refusal sent: null for the caller (see start). */
function answered(_sent: unknown): null {
  return null;
}
