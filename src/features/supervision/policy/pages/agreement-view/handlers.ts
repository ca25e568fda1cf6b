import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import { agreementLines } from "../agreement/handlers.js";
import { forbidden, isUuid, notFound, type PageOptions, personAgreementHref, seesPerson } from "../shared.js";

/** Signing needs nothing but the button: who signs is who is signed in. */
const signForm = z.object({});

/**
 * `/supervision/agreements/:agreementId` and POST `/sign`: the supervisee signs their own; the
 * named supervisor signs as supervisor. Others who may see it read it.
 */
export async function agreementViewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;
  const permission = supervisionPermissions.view;

  async function load(request: FastifyRequest<{ Params: { agreementId: string } }>) {
    const { agreementId } = request.params;
    if (!isUuid(agreementId)) return undefined;
    const found = await policy.agreement(request.tenantContext(), agreementId);
    if (!found) return undefined;
    const me = request.principal?.personId ?? null;
    const side: "supervisee" | "supervisor" | null =
      me === null
        ? null
        : found.agreement.personId === me
          ? "supervisee"
          : found.agreement.supervisorPersonId === me
            ? "supervisor"
            : null;
    if (!side && !(await seesPerson(app, request, found.agreement.personId))) return undefined;
    return { ...found, side };
  }

  app.get<{ Params: { agreementId: string } }>(
    "/supervision/agreements/:agreementId",
    { config: { permission } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      const a = found.agreement;
      const signed =
        found.side === "supervisee"
          ? a.superviseeSignedOn
          : found.side === "supervisor"
            ? a.supervisorSignedOn
            : null;
      return reply.render("supervision/policy/pages/agreement-view/view.njk", {
        pageTitle: `Supervision agreement: ${found.personName}`,
        notification: takeNotice(request),
        name: found.personName,
        own: found.side === "supervisee",
        agreement: agreementLines(a),
        current: found.current,
        reviewDue: found.current && found.reviewDue,
        canSign: found.side !== null && !signed && found.current,
        side: found.side,
        personHref: personAgreementHref(a.personId),
      });
    },
  );

  app.post<{ Params: { agreementId: string } }>(
    "/supervision/agreements/:agreementId/sign",
    { config: { permission, form: signForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      if (!found.side) return forbidden(reply);
      const href = `/supervision/agreements/${found.agreement.id}`;
      if (!found.current) {
        setNotice(request, "This agreement has been replaced by a later one: sign the current agreement");
        return reply.redirect(href, 303);
      }
      const signed = await policy.sign(request.tenantContext(), found.agreement.id, found.side);
      setNotice(request, signed ? "Agreement signed" : "You have already signed this agreement");
      return reply.redirect(href, 303);
    },
  );
}
