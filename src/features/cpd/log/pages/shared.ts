import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../platform/views/render.js";
import { cpdPermissions } from "../../permissions.js";
import type { CpdCategory } from "../../schema.js";
import type { CategoryMix, CpdEntry, CpdLogService } from "../cpd-log.service.js";
import {
  categoryNames,
  categoryShortNames,
  cpdCategories,
  kindNames,
  type RegistrationYear,
  registrationYear,
  sweStandards,
} from "../reference.js";

export { can, isUuid };

export interface PageOptions {
  cpdLog: CpdLogService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty. */
export const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

export const optionalText = (max: number, label: string) =>
  text.pipe(
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => v || null),
  );

/** Checkboxes: none, one (a string) or several (an array) values, as a list. */
export const checkboxList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

export const entryHref = (entryId: string) => `/cpd/entries/${entryId}`;

/** How the signed-in user may reach an entry: as its owner, or read-only (shared, in scope). */
export type EntryAccess = { entry: NonNullable<Awaited<ReturnType<CpdLogService["entry"]>>>; owner: boolean };

/**
 * The entry in the URL for this user: their own; or, for someone who may see people's CPD, a
 * shared entry of a person in their scope. Null (answer 404) otherwise.
 */
export async function entryFor(
  app: FastifyInstance,
  cpdLog: CpdLogService,
  request: FastifyRequest<{ Params: { cpdEntryId: string } }>,
): Promise<EntryAccess | null> {
  const { cpdEntryId } = request.params;
  if (!isUuid(cpdEntryId)) return null;
  const ctx = request.tenantContext();
  const entry = await cpdLog.entry(ctx, cpdEntryId);
  if (!entry) return null;
  const personId = request.principal?.personId ?? null;
  if (personId && entry.personId === personId) return { entry, owner: true };
  if (!entry.sharedWithSupervisor || !can(app, request, cpdPermissions.viewPeople)) return null;
  if (!(await app.people.reaches(ctx, request.scope(cpdPermissions.viewPeople), entry.personId))) return null;
  return { entry, owner: false };
}

/** The registration year asked for (`?year=2026`), or the current one. */
export function chosenYear(cpdLog: CpdLogService, value: unknown): RegistrationYear {
  const current = cpdLog.currentYear();
  const n = typeof value === "string" && /^\d{4}$/.test(value) ? Number(value) : current.year;
  return n >= 2000 && n <= current.year ? registrationYear(n) : current;
}

/** The registration years to choose from: the current one first, then the two before. */
export function yearChoices(cpdLog: CpdLogService, chosen: RegistrationYear) {
  const current = cpdLog.currentYear().year;
  return [current, current - 1, current - 2, current - 3].map((y) => ({
    value: String(y),
    text: registrationYear(y).label,
    selected: y === chosen.year,
  }));
}

export const hoursText = (n: number | null) =>
  n === null ? "" : `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, "")}`;

/** An entry's row for a table. */
export function entryRow(e: CpdEntry) {
  return {
    href: entryHref(e.id),
    title: e.title,
    date: dateText(e.entryOn),
    kind: kindNames[e.kind],
    category: categoryShortNames[e.category],
    hours: hoursText(e.hours),
    standards: e.sweStandards.length ? e.sweStandards.join(", ") : "None",
    standardsText: e.sweStandards.map((s) => `${s} ${sweStandards[s] ?? ""}`).join("; "),
    status: e.status === "final" ? "Final" : "Draft",
    final: e.status === "final",
    peer: e.peerName ? "Yes" : "No",
    shared: e.sharedWithSupervisor ? "Yes" : "No",
  };
}

/** The 70:20:10 figures for the chart and its table. */
export function mixView(mix: CategoryMix) {
  return {
    total: hoursText(mix.total),
    empty: mix.total === 0,
    rows: cpdCategories.map((c: CpdCategory) => ({
      key: c,
      name: categoryNames[c],
      hours: hoursText(mix.hours[c]),
      percent: mix.percent[c],
    })),
  };
}
