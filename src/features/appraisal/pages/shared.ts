import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FormResult, FormState } from "../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../platform/http/notice.js";
import { can, isUuid } from "../../../platform/http/request-helpers.js";
import { formatDate } from "../../../platform/views/render.js";
import type { AppraisalService } from "../appraisal.service.js";
import { appraisalPermissions } from "../permissions.js";
import { type ObjectiveProgress, objectiveProgress } from "../schema.js";
import { overdueNames, statusTags } from "../status.js";

export { can, isUuid };

export interface PageOptions {
  appraisals: AppraisalService;
}

export const appraisalHome = "/appraisal";
export const appraisalHref = (appraisalId: string) => `/appraisal/appraisals/${appraisalId}`;
export const cycleHref = (cycleId: string) => `/appraisal/cycles/${cycleId}`;
export const startHref = (personId: string) => `/appraisal/people/${personId}/start`;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty (the first value if sent twice). */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v[0] ?? "") : v),
  z.string().trim(),
);

/** Any body: for POSTs whose only field is the CSRF token. */
export const anyForm = z.record(z.string(), z.unknown());

export const progressNames: Record<ObjectiveProgress, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  met: "Met",
  partly_met: "Partly met",
  not_met: "Not met",
};

export const midYearProgress: readonly ObjectiveProgress[] = ["not_started", "on_track", "at_risk", "met"];
export const finalProgress: readonly ObjectiveProgress[] = ["met", "partly_met", "not_met"];
export const isProgress = (v: string): v is ObjectiveProgress =>
  (objectiveProgress as readonly string[]).includes(v);

export { overdueNames, statusTags };

type Loaded = NonNullable<Awaited<ReturnType<AppraisalService["appraisal"]>>>;

/** How the viewer stands to an appraisal. */
export interface Relation {
  /** The appraisee. */
  self: boolean;
  /** Named as the appraiser. */
  appraiser: boolean;
  /** May record it: holds appraisal.record, is not the appraisee, and is the appraiser or reaches them. */
  canRecord: boolean;
}

export type ReachedAppraisal = Loaded & { relation: Relation };

/**
 * The appraisal in the URL if the viewer reaches it, else undefined (404, the same as a missing
 * one): the appraisee, the named appraiser, or anyone whose appraisal.view scope reaches the
 * appraisee.
 */
export async function reachAppraisal(
  app: FastifyInstance,
  request: FastifyRequest,
  opts: PageOptions,
  appraisalId: unknown,
): Promise<ReachedAppraisal | undefined> {
  if (!isUuid(appraisalId) || !request.principal) return undefined;
  const ctx = request.tenantContext();
  const loaded = await opts.appraisals.appraisal(ctx, appraisalId);
  if (!loaded) return undefined;
  const me = request.principal.personId ?? null;
  const self = me !== null && me === loaded.appraisal.personId;
  const appraiser = me !== null && me === loaded.appraisal.appraiserPersonId;
  const visible =
    self ||
    appraiser ||
    (await app.people.reaches(ctx, request.scope(appraisalPermissions.view), loaded.appraisal.personId));
  if (!visible) return undefined;
  const canRecord =
    !self &&
    can(app, request, appraisalPermissions.record) &&
    (appraiser ||
      (await app.people.reaches(ctx, request.scope(appraisalPermissions.record), loaded.appraisal.personId)));
  return { ...loaded, relation: { self, appraiser, canRecord } };
}

type AppraisalRequest = FastifyRequest<{ Params: { appraisalId: string } }>;

/** What every page of an appraisal shows first: its title, the way back, the notice, the form. */
export function pageView(
  request: FastifyRequest,
  page: ReachedAppraisal,
  title: string,
  form: FormState | null,
) {
  return {
    pageTitle: `${title}: ${page.appraisal.personName}`,
    title,
    backHref: appraisalHref(page.appraisal.id),
    notification: takeNotice(request),
    personName: page.appraisal.personName,
    cycleName: page.cycle.name,
    errors: form?.errors ?? {},
    errorSummary: form?.errorSummary ?? [],
    values: form?.values ?? {},
  };
}

/** A service's RuleError shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, ...ruleErrorView(err) };
}

/**
 * The GET and POST of a page that records part of an appraisal (appraisal.record; 404 when not
 * reached, 403 for the appraisee and anyone else who may only read it): the form again with its
 * errors or the service's RuleError, else the notice and back to the appraisal.
 */
export function recordingPage<T>(
  app: FastifyInstance,
  opts: PageOptions,
  how: {
    path: string;
    form: z.ZodType;
    render: (
      request: FastifyRequest,
      reply: FastifyReply,
      page: ReachedAppraisal,
      form: FormState | null,
    ) => unknown;
    record: (request: FastifyRequest, page: ReachedAppraisal, data: T) => Promise<unknown>;
    /** Checks that depend on the appraisal (each objective's progress), shown with the form's own. */
    check?: (page: ReachedAppraisal, body: Record<string, unknown>) => Record<string, string>;
    notice: string;
  },
) {
  const permission = appraisalPermissions.record;
  const load = async (request: AppraisalRequest, reply: FastifyReply) => {
    const page = await reachAppraisal(app, request, opts, request.params.appraisalId);
    if (!page) return void notFound(reply);
    if (!page.relation.canRecord) return void forbidden(reply);
    return page;
  };
  app.get<{ Params: { appraisalId: string } }>(
    how.path,
    { config: { permission } },
    async (request, reply) => {
      const page = await load(request, reply);
      if (!page) return reply;
      return how.render(request, reply, page, null);
    },
  );
  app.post<{ Params: { appraisalId: string } }>(
    how.path,
    { config: { permission, form: how.form } },
    async (request, reply) => {
      const page = await load(request, reply);
      if (!page) return reply;
      const result = request.formResult as FormResult<T>;
      const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const extra = how.check?.(page, body) ?? {};
      if (!result.ok || Object.keys(extra).length > 0) {
        const errors = { ...(result.ok ? {} : result.errors), ...extra };
        const values = { ...body };
        delete values._csrf;
        return how.render(request, reply, page, {
          values,
          errors,
          errorSummary: Object.entries(errors).map(([key, text]) => ({ text, href: `#${key}` })),
        });
      }
      try {
        await how.record(request, page, result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return how.render(request, reply, page, ruleErrorState(err, request.body));
      }
      setNotice(request, how.notice);
      return reply.redirect(appraisalHref(page.appraisal.id), 303);
    },
  );
}

/** The progress fields of a form (`progress_<sequence>`), as the service takes them. */
export function progressFrom(
  body: Record<string, unknown>,
  objectives: { id: string; sequence: number }[],
): { objectiveId: string; progress: ObjectiveProgress }[] {
  const out: { objectiveId: string; progress: ObjectiveProgress }[] = [];
  for (const o of objectives) {
    const v = body[`progress_${o.sequence}`];
    if (typeof v === "string" && isProgress(v)) out.push({ objectiveId: o.id, progress: v });
  }
  return out;
}

/** Radios items of an objective's progress. */
export function progressItems(
  choices: readonly ObjectiveProgress[],
  sequence: number,
  value: unknown,
): { value: string; text: string; id?: string; checked: boolean }[] {
  return choices.map((p, i) => ({
    value: p,
    text: progressNames[p],
    ...(i === 0 ? { id: `progress_${sequence}` } : {}),
    checked: value === p,
  }));
}
