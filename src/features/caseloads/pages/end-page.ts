import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Permission } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { FormResult, FormState } from "../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../platform/forms/rule-error.js";
import { setNotice } from "../../../platform/http/notice.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { dateInputValues } from "../../people/pages/date-input.js";
import { isUuid, notFound } from "./shared.js";
import { type EndFormData, endForm } from "./targets/schema.js";

/** What the "end" page says about the record it ends. */
export interface EndSubject {
  pageTitle: string;
  what: string;
  validFrom: unknown;
}

/** An effective-dated record's "end" page: its list, how to find, describe and end one. */
export interface EndPage {
  /** e.g. `/caseloads/targets/:targetId/end`. */
  path: string;
  /** The route parameter that names the record, e.g. `targetId`. */
  param: string;
  permission: Permission;
  /** The list the page goes back to and redirects to. */
  back: string;
  /** What the page shows, or null when there is no such record (404). */
  describe(ctx: TenantContext, id: string): Promise<EndSubject | null>;
  /** Whether the record exists, checked before a post is read. */
  exists(ctx: TenantContext, id: string): Promise<unknown>;
  end(ctx: TenantContext, id: string, on: IsoDate): Promise<void>;
  /** The notice after ending one, e.g. "Target ended". */
  notice: string;
  today(): IsoDate;
}

type EndRequest = FastifyRequest<{ Params: Record<string, string> }>;

/** Registers GET and POST `page.path`: the form that ends a record on a date. */
export function endRoutes(app: FastifyInstance, page: EndPage) {
  const { permission } = page;

  async function renderEnd(request: EndRequest, reply: FastifyReply, state: FormState) {
    const id = request.params[page.param] as string;
    if (!isUuid(id)) return notFound(reply);
    const subject = await page.describe(request.tenantContext(), id);
    if (!subject) return notFound(reply);
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/targets/end.njk", {
      pageTitle: subject.pageTitle,
      what: subject.what,
      back: page.back,
      validFrom: subject.validFrom,
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get<{ Params: Record<string, string> }>(page.path, { config: { permission } }, (request, reply) =>
    renderEnd(request, reply, { values: dateInputValues("ends_on", page.today()), errors: {} }),
  );

  app.post<{ Params: Record<string, string> }>(
    page.path,
    { config: { permission, form: endForm } },
    async (request, reply) => {
      const id = request.params[page.param] as string;
      if (!isUuid(id) || !(await page.exists(request.tenantContext(), id))) return notFound(reply);
      const result = request.formResult as FormResult<EndFormData>;
      const values = { ...((request.body as Record<string, unknown>) ?? {}) };
      if (!result.ok)
        return renderEnd(request, reply, {
          values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      try {
        await page.end(request.tenantContext(), id, result.data.ends_on);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return renderEnd(request, reply, { values, ...ruleErrorView(err) });
      }
      setNotice(request, page.notice);
      return reply.redirect(page.back, 303);
    },
  );
}
