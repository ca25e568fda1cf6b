import type { FastifyInstance } from "fastify";
import { kindNames } from "../../../log/reference.js";
import { cpdPermissions } from "../../../permissions.js";
import type { CpdKind } from "../../../schema.js";
import { type EntryCount, registrationYearEnding } from "../../readiness.js";
import {
  notFound,
  type PageOptions,
  queryString,
  stateTag,
  sweStatusName,
  yearFromQuery,
} from "../shared.js";

const countNames: Record<EntryCount, string> = {
  counted: "Counts",
  same_piece: "Not counted: the same piece as an earlier entry",
  draft: "Not counted: a draft",
  outside_year: "Not counted: outside the year",
};

/** `/cpd/registration`: the signed-in person's Social Work England readiness for a year. */
export async function myRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/cpd/registration",
    { config: { permission: cpdPermissions.own } },
    async (request, reply) => {
      const current = opts.registration.currentYear();
      const endYear = yearFromQuery(request.query.year, current.endYear);
      if (endYear === null) return notFound(reply);
      const year = registrationYearEnding(endYear);
      const personId = request.principal?.personId;
      const found = personId
        ? await opts.registration.personReadiness(request.tenantContext(), personId, year)
        : null;
      if (!found) {
        return reply.render("cpd/registration/pages/my/view.njk", {
          pageTitle: "Social Work England readiness",
          linked: false,
        });
      }
      const { person, entries, readiness } = found;
      const counts = new Map(readiness.entries.map((e) => [e.id, e.count]));
      const yearParam = endYear === current.endYear ? null : endYear;
      return reply.render("cpd/registration/pages/my/view.njk", {
        pageTitle: `Social Work England readiness ${year.name}`,
        linked: true,
        year,
        isCurrent: endYear === current.endYear,
        today: opts.registration.today(),
        state: readiness.state,
        tag: stateTag(readiness.state, readiness.sweStatus),
        missing: readiness.missing,
        pieces: readiness.pieces,
        peerReflection: readiness.peerReflection,
        sweNumber: person.swe_number,
        sweStatus: sweStatusName(person.swe_status),
        firstRegisteredOn: person.swe_first_registered_on,
        entries: entries.map((e) => ({
          href: `/cpd/entries/${e.id}`,
          title: e.title,
          entryOn: e.entry_on,
          kind: kindNames[e.kind as CpdKind] ?? e.kind,
          peer: e.peer_name !== null,
          counts: counts.get(e.id) === "counted",
          countText: countNames[counts.get(e.id) ?? "outside_year"],
        })),
        yearItems: Array.from({ length: 5 }, (_, i) => current.endYear - i).map((y) => ({
          value: String(y),
          text: registrationYearEnding(y).name,
          selected: y === endYear,
        })),
        downloadTxt: `/cpd/registration/download${queryString({ year: endYear })}`,
        downloadCsv: `/cpd/registration/download${queryString({ year: endYear, format: "csv" })}`,
        yearParam,
      });
    },
  );
}
