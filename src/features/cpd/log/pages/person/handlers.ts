import type { FastifyInstance } from "fastify";
import { cpdPermissions } from "../../../permissions.js";
import { chosenYear, entryRow, isUuid, mixView, notFound, type PageOptions, yearChoices } from "../shared.js";

/**
 * `/cpd/people/:personId`: for those who may see people's CPD, a person in their scope: the
 * entries they shared with their supervisor (read only) and their 70:20:10 mix (hours only).
 */
export async function personRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  app.get<{ Params: { personId: string }; Querystring: Record<string, unknown> }>(
    "/cpd/people/:personId",
    { config: { permission: cpdPermissions.viewPeople } },
    async (request, reply) => {
      const { personId } = request.params;
      if (!isUuid(personId)) return notFound(reply);
      const ctx = request.tenantContext();
      const person = await app.learningRecords.person(ctx, personId);
      if (!person || person.anonymised) return notFound(reply);
      if (!(await app.people.reaches(ctx, request.scope(cpdPermissions.viewPeople), personId))) {
        return notFound(reply);
      }
      const year = chosenYear(cpdLog, request.query.year);
      const [entries, mix] = await Promise.all([
        cpdLog.entries(ctx, personId, { sharedOnly: true }),
        cpdLog.mix(ctx, personId, year),
      ]);
      return reply.render("cpd/log/pages/person/view.njk", {
        pageTitle: `CPD of ${person.name}`,
        name: person.name,
        entries: entries.map(entryRow),
        year,
        yearItems: yearChoices(cpdLog, year),
        action: `/cpd/people/${personId}#mix`,
        mix: mixView(mix),
      });
    },
  );
}
