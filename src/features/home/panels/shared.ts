import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AccessScope, Permission } from "../../../platform/auth/principal.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { can } from "../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";

/** A date as GOV.UK writes it: "23 November 2026". */
export const day = (d: string | Date): string => formatDate(d, false);

/** At most this many lines under each heading: the full page has the rest. */
export const MAX_LINES = 5;

/** A GOV.UK tag: the words carry the meaning, the colour only repeats it. */
export interface Tag {
  text: string;
  classes: string;
}

/** One thing to act on: a sentence, optionally a link and a tag. */
export interface PanelLine {
  text: string;
  href?: string | null;
  detail?: string | null;
  tag?: Tag | null;
}

/** A row of a panel: a heading, the count in words, the first few lines and the full page. */
export interface PanelSection {
  heading: string;
  /** The count in words, e.g. "3 overdue" (always words, never a colour). */
  summary: string;
  lines: PanelLine[];
  /** How many more there are than the lines shown. */
  more: number;
  link: { href: string; text: string } | null;
}

/** One panel of the home page: a summary card per kind of role the user holds. */
export interface Panel {
  key: string;
  title: string;
  /** A sentence under the title (the unit a figure is for, a note). */
  lead?: string | null;
  sections: PanelSection[];
  /** Set when the panel's figures could not be read: the page still answers. */
  failed?: boolean;
  link?: { href: string; text: string } | null;
}

/** What every panel reads: the app, the request's council and user, and today. */
export interface HomeContext {
  app: FastifyInstance;
  request: FastifyRequest;
  ctx: TenantContext;
  today: IsoDate;
  personId: string | null;
  can(permission: Permission): boolean;
  scope(permission: Permission): AccessScope;
  /** Whether the user holds a role (for the panels that are one role's, not one permission's). */
  holds(role: string): boolean;
}

export function homeContext(app: FastifyInstance, request: FastifyRequest): HomeContext {
  return {
    app,
    request,
    ctx: request.tenantContext(),
    today: dateInLondon(app.platform.clock.now()),
    personId: request.principal?.personId ?? null,
    can: (permission) => can(app, request, permission),
    scope: (permission) => request.scope(permission),
    holds: (role) => request.principal?.roles.some((grant) => grant.role === role) ?? false,
  };
}

/** Whether a scope reaches anyone but the holder. */
export function reachesOthers(scope: AccessScope): boolean {
  return scope.tenant || scope.reportsOf !== null || scope.unitIds.length > 0;
}

/** A section from all its lines: the first few kept, the rest counted. */
export function section(
  heading: string,
  summary: string,
  all: PanelLine[],
  link: PanelSection["link"],
): PanelSection {
  return {
    heading,
    summary,
    lines: all.slice(0, MAX_LINES),
    more: Math.max(0, all.length - MAX_LINES),
    link,
  };
}

/** "1 person", "3 people". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
