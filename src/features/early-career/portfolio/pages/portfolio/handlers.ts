import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { type EvidenceKind, evidenceKinds } from "../../../schema.js";
import type { EvidenceItem } from "../../portfolio.service.js";
import {
  addedAsNames,
  evidenceKindNames,
  evidenceKindPlurals,
  frameworkName,
  panelDecisionNames,
  recommendationNames,
} from "../../reference.js";
import { adderFor, closedReason } from "../../rules.js";
import {
  dateText,
  type EnrolmentParams,
  enrolmentHref,
  evidenceHref,
  notFound,
  type PageOptions,
  portfolioHref,
  reached,
} from "../shared.js";

/** The columns of the evidence download. */
function evidenceColumns(titles: Map<string, string>) {
  return [
    { header: "Date", value: (e: EvidenceItem) => e.occurredOn },
    { header: "Kind", value: (e: EvidenceItem) => evidenceKindNames[e.kind] },
    { header: "Title", value: (e: EvidenceItem) => e.title },
    {
      header: "Standards",
      value: (e: EvidenceItem) => e.standards.map((c) => `${c} ${titles.get(c) ?? ""}`.trim()).join("; "),
    },
    { header: "Summary", value: (e: EvidenceItem) => e.summary },
    { header: "Observer", value: (e: EvidenceItem) => e.observerName },
    { header: "Learning record", value: (e: EvidenceItem) => e.learningRecordTitle },
    { header: "File", value: (e: EvidenceItem) => e.filename },
    { header: "Added by", value: (e: EvidenceItem) => e.addedByName },
    { header: "Added as", value: (e: EvidenceItem) => addedAsNames[e.addedAs] },
  ];
}

/**
 * `/early-career/enrolments/:enrolmentId/portfolio`: the coverage of the standards and of the
 * minimum evidence, the evidence (filtered by `?kind=` and `?standard=`, downloadable with
 * `?format=csv|xlsx`) and where the portfolio stands: submission, sign-off, panel, moderation.
 */
export async function portfolioRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;

  app.get<{ Params: EnrolmentParams; Querystring: Record<string, unknown> }>(
    "/early-career/enrolments/:enrolmentId/portfolio",
    { config: { permission: earlyCareerPermissions.view } },
    async (request, reply) => {
      const found = await reached(app, request);
      if (!found) return notFound(reply);
      const { enrolment, relation } = found;
      const ctx = request.tenantContext();
      const p = await portfolio.portfolio(ctx, enrolment.id);
      if (!p) return notFound(reply);
      const { state, coverage } = p;
      const titles = new Map(state.standards.map((s) => [s.code, s.title]));

      const kind = (evidenceKinds as readonly string[]).includes(String(request.query.kind))
        ? (request.query.kind as EvidenceKind)
        : null;
      const standard = titles.has(String(request.query.standard)) ? String(request.query.standard) : null;
      const shown = p.evidence.filter(
        (e) => (!kind || e.kind === kind) && (!standard || e.standards.includes(standard)),
      );
      const filterQuery = new URLSearchParams({
        ...(kind ? { kind } : {}),
        ...(standard ? { standard } : {}),
      }).toString();

      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `portfolio-${enrolment.personName}-${portfolio.today()}`,
          evidenceColumns(titles),
          shown,
        );
      }

      const base = portfolioHref(enrolment.id);
      const adder = adderFor(relation);
      const open = adder !== null && closedReason(adder, state) === null;
      const frameworks = [...new Set(state.standards.map((s) => s.framework))].map((framework) => ({
        name: frameworkName(framework),
        standards: coverage.standards
          .filter((s) => s.framework === framework)
          .map((s) => ({
            code: s.code,
            title: s.title,
            count: s.count,
            href: `${base}?standard=${encodeURIComponent(s.code)}#evidence`,
          })),
      }));
      const panelDecided = state.panelDecision === "endorsed" || state.panelDecision === "not_endorsed";

      return reply.render("early-career/portfolio/pages/portfolio/view.njk", {
        pageTitle: `Portfolio: ${enrolment.personName}`,
        notification: takeNotice(request),
        personName: enrolment.personName,
        self: relation.self,
        backHref: enrolmentHref(enrolment.id),
        coverage: { covered: coverage.covered, total: coverage.total, complete: coverage.complete },
        kinds: coverage.kinds.map((k) => ({
          text: `${evidenceKindPlurals[k.kind]} ${k.have} of ${k.required}`,
          met: k.met,
          href: `${base}?kind=${k.kind}#evidence`,
        })),
        frameworks,
        state: {
          submitted: dateText(state.submittedOn),
          signedOff:
            state.signedOffOn && state.recommendation
              ? `${dateText(state.signedOffOn)}: recommends ${recommendationNames[state.recommendation].toLowerCase()}`
              : "",
          panel:
            state.panelOn && state.panelDecision
              ? `${dateText(state.panelOn)}: ${panelDecisionNames[state.panelDecision].toLowerCase()}`
              : "",
          panelNotes: state.panelNotes ?? "",
          moderation: state.moderationSampled
            ? `Selected for the regional moderation sample${state.moderationOutcome ? `. Outcome: ${state.moderationOutcome}` : ", outcome not recorded yet"}`
            : "",
        },
        actions: {
          add: open ? `${base}/evidence/new` : null,
          observe: open && adder !== "nqsw" ? `${base}/evidence/new?kind=observation` : null,
          submit: relation.self && !state.submittedOn && state.status === "active" ? `${base}/submit` : null,
          signOff:
            relation.canAssess && state.submittedOn && !panelDecided && state.status === "active"
              ? `${base}/sign-off`
              : null,
          panel: relation.coordinator && state.signedOffOn ? `${base}/panel` : null,
        },
        filter: {
          action: `${base}#evidence`,
          kindItems: [
            { value: "", text: "All kinds", selected: !kind },
            ...evidenceKinds.map((k) => ({ value: k, text: evidenceKindNames[k], selected: k === kind })),
          ],
          standardItems: [
            { value: "", text: "All standards", selected: !standard },
            ...state.standards.map((s) => ({
              value: s.code,
              text: `${s.code} ${s.title}`,
              selected: s.code === standard,
            })),
          ],
          active: Boolean(kind || standard),
          clearHref: `${base}#evidence`,
        },
        total: p.evidence.length,
        evidence: shown.map((e) => ({
          href: evidenceHref(enrolment.id, e.id),
          title: e.title,
          date: dateText(e.occurredOn),
          kind: evidenceKindNames[e.kind],
          standards: e.standards.join(", "),
          addedBy: e.addedByName ?? addedAsNames[e.addedAs],
          file: e.filename ? "Yes" : "No",
        })),
        exportBase: `${base}?${filterQuery ? `${filterQuery}&` : ""}`,
      });
    },
  );
}
