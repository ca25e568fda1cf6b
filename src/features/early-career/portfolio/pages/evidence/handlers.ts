import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import type { EnrolmentRelation, ReachedEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { EvidenceItem } from "../../portfolio.service.js";
import { addedAsNames, evidenceKindNames } from "../../reference.js";
import { adderFor, closedReason, isOwnItem } from "../../rules.js";
import {
  dateText,
  disposition,
  type EvidenceParams,
  evidenceHref,
  forbidden,
  notFound,
  type PageOptions,
  portfolioHref,
  reached,
  sizeText,
  viewerOf,
} from "../shared.js";

/** The confirmation page's form says so: a POST without it removes nothing. */
const removeForm = z.object({ confirm: z.literal("yes") });

/**
 * `.../portfolio/evidence/:evidenceId`: an evidence item (whoever sees the enrolment), its file
 * (`/file`, downloaded as an attachment) and `/remove` (a confirmation page, then POST) for the
 * one who added it while the portfolio is open to them.
 */
export async function evidenceRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;
  const permission = earlyCareerPermissions.view;

  async function itemFor(
    request: FastifyRequest<{ Params: EvidenceParams }>,
  ): Promise<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation; item: EvidenceItem } | null> {
    const found = await reached(app, request);
    if (!found || !isUuid(request.params.evidenceId)) return null;
    const item = await portfolio.evidence(
      request.tenantContext(),
      found.enrolment.id,
      request.params.evidenceId,
    );
    return item ? { ...found, item } : null;
  }

  /** Whether the viewer may change or remove the item now (null) or why not. */
  async function changeable(
    request: FastifyRequest,
    found: { enrolment: ReachedEnrolment; relation: EnrolmentRelation; item: EvidenceItem },
  ): Promise<{ allowed: boolean; closed: string | null }> {
    const adder = adderFor(found.relation);
    if (!adder || !isOwnItem(found.item, viewerOf(request))) return { allowed: false, closed: null };
    const p = await portfolio.portfolio(request.tenantContext(), found.enrolment.id);
    return { allowed: true, closed: p ? closedReason(adder, p.state) : "There is no such programme" };
  }

  app.get<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId",
    { config: { permission } },
    async (request, reply) => {
      const found = await itemFor(request);
      if (!found) return notFound(reply);
      const { enrolment, item } = found;
      const p = await portfolio.portfolio(request.tenantContext(), enrolment.id);
      const titles = new Map((p?.state.standards ?? []).map((s) => [s.code, s.title]));
      const may = await changeable(request, found);
      const base = evidenceHref(enrolment.id, item.id);
      return reply.render("early-career/portfolio/pages/evidence/view.njk", {
        pageTitle: item.title,
        notification: takeNotice(request),
        caption: found.relation.self ? "Your portfolio" : `Portfolio: ${enrolment.personName}`,
        title: item.title,
        backHref: portfolioHref(enrolment.id),
        rows: [
          ["Kind", evidenceKindNames[item.kind]],
          ["Date", dateText(item.occurredOn)],
          ...(item.kind === "observation" ? [["Observer", item.observerName ?? ""]] : []),
          ["Summary", item.summary ?? ""],
          ["Standards", item.standards.map((c) => `${c} ${titles.get(c) ?? ""}`.trim()).join("\n")],
          ["Learning record", item.learningRecordTitle ?? ""],
          [
            "Added by",
            `${item.addedByName ?? ""}${item.addedByName ? " " : ""}(${addedAsNames[item.addedAs]})`,
          ],
        ].map(([key, value]) => ({ key, value })),
        file:
          item.filename && item.sizeBytes !== null
            ? { name: item.filename, size: sizeText(item.sizeBytes), href: `${base}/file` }
            : null,
        editHref: may.allowed && !may.closed ? `${base}/edit` : null,
        removeHref: may.allowed && !may.closed ? `${base}/remove` : null,
      });
    },
  );

  app.get<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId/file",
    { config: { permission } },
    async (request, reply) => {
      const found = await itemFor(request);
      if (!found) return notFound(reply);
      const file = await portfolio.evidenceFile(request.tenantContext(), found.enrolment.id, found.item.id);
      if (!file) return notFound(reply);
      return reply
        .header("content-disposition", disposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .type(file.contentType)
        .send(file.content);
    },
  );

  async function removePage(
    request: FastifyRequest<{ Params: EvidenceParams }>,
    reply: FastifyReply,
    error: string | null,
  ) {
    const found = await itemFor(request);
    if (!found) return notFound(reply);
    const may = await changeable(request, found);
    if (!may.allowed) return forbidden(reply);
    const { enrolment, item } = found;
    return reply.code(error ? 400 : 200).render("early-career/portfolio/pages/evidence/remove.njk", {
      pageTitle: `Remove ${item.title}`,
      caption: found.relation.self ? "Your portfolio" : `Portfolio: ${enrolment.personName}`,
      title: item.title,
      date: dateText(item.occurredOn),
      hasFile: item.storedFileId !== null,
      closed: may.closed,
      backHref: evidenceHref(enrolment.id, item.id),
      errors: error ? { evidence: error } : {},
      errorSummary: error ? [{ text: error, href: "#evidence" }] : [],
    });
  }

  app.get<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId/remove",
    { config: { permission } },
    (request, reply) => removePage(request, reply, null),
  );

  app.post<{ Params: EvidenceParams }>(
    "/early-career/enrolments/:enrolmentId/portfolio/evidence/:evidenceId/remove",
    { config: { permission, form: removeForm } },
    async (request, reply) => {
      const found = await itemFor(request);
      if (!found) return notFound(reply);
      const adder = adderFor(found.relation);
      if (!adder || !isOwnItem(found.item, viewerOf(request))) return forbidden(reply);
      if (!request.formResult?.ok) {
        return removePage(request, reply, "Confirm that you want to remove this evidence");
      }
      try {
        await portfolio.remove(request.tenantContext(), found.enrolment.id, found.item.id, {
          adder,
          personId: request.principal?.personId ?? null,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return removePage(request, reply, err.message);
      }
      setNotice(request, `Evidence removed: ${found.item.title}`);
      return reply.redirect(`${portfolioHref(found.enrolment.id)}#evidence`, 303);
    },
  );
}
