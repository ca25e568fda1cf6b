import type { FastifyInstance } from "fastify";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { statusNames } from "../../reference.js";
import { renderPerson } from "../person/handlers.js";
import { isUuid, needsHome, notFound, type PageOptions, personHref, personInScope } from "../shared.js";
import { type StatusForm, statusForm } from "./schema.js";

const permission = learningPermissions.recordNeeds;

/** `POST /learning/needs/:needId/status`: a need met, withdrawn, or open again. */
export async function statusRoutes(app: FastifyInstance, opts: PageOptions) {
  app.post<{ Params: { needId: string } }>(
    `${needsHome}/:needId/status`,
    { config: { permission, form: statusForm } },
    async (request, reply) => {
      const { needId } = request.params;
      const ctx = request.tenantContext();
      const need = isUuid(needId) ? await opts.needs.needOwner(ctx, needId) : null;
      const person = need ? await personInScope(app, opts.needs, request, need.personId, permission) : null;
      if (!need || !person) return notFound(reply);
      const result = request.formResult as FormResult<StatusForm>;
      if (!result.ok) {
        const errorSummary = result.errorSummary.map((e) => ({ ...e, href: "#needs" }));
        return renderPerson(request, reply, opts, person, { values: {}, errors: {}, errorSummary });
      }
      await opts.needs.setStatus(ctx, need.id, result.data.status);
      setNotice(request, `Need marked as ${statusNames[result.data.status].toLowerCase()}`);
      return reply.redirect(`${personHref(person.id)}#needs`, 303);
    },
  );
}
