import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { THRESHOLD } from "../../../../../platform/privacy/suppression.js";
import { cpdPermissions } from "../../../permissions.js";
import type { TeamMemberMix } from "../../cpd-log.service.js";
import { categoryNames } from "../../reference.js";
import {
  chosenYear,
  hoursText,
  isUuid,
  mixView,
  notFound,
  type PageOptions,
  yearChoices,
} from "../shared.js";

export const FEWER_THAN_5 = "fewer than 5 people";

/**
 * `/cpd/teams/:unitId`: the 70:20:10 mix of a team (the unit and the units below it) for a
 * registration year, per member (all their final entries, shared or not, as hours only) and for
 * the team, shown only when 5 or more people recorded hours (the small numbers rule).
 */
export async function teamRoutes(app: FastifyInstance, opts: PageOptions) {
  const { cpdLog } = opts;
  app.get<{ Params: { unitId: string }; Querystring: Record<string, unknown> }>(
    "/cpd/teams/:unitId",
    { config: { permission: cpdPermissions.viewPeople } },
    async (request, reply) => {
      const { unitId } = request.params;
      if (!isUuid(unitId)) return notFound(reply);
      const ctx = request.tenantContext();
      const scope = request.scope(cpdPermissions.viewPeople);
      const tree = await app.people.orgTree(ctx, scope);
      const unit = tree.rows.find((r) => r.orgUnitId === unitId);
      if (!unit) return notFound(reply);
      const year = chosenYear(cpdLog, request.query.year);
      const list = await app.people.listPeople(ctx, { scope, unitId, pageSize: 100_000 });
      const people = list.rows.map((p) => ({
        personId: p.id,
        name: `${p.givenName} ${p.familyName}`,
        team: p.unitName,
      }));
      const { members, team, contributors } = await cpdLog.teamMix(ctx, people, year);
      const suppressed = contributors > 0 && contributors < THRESHOLD;

      const format = exportFormat(request.query.format);
      if (format) {
        const teamRow: TeamMemberMix = { personId: "", name: `${unit.name} (team)`, team: null, mix: team };
        const cell = (value: (m: TeamMemberMix) => number) => (m: TeamMemberMix) =>
          m === teamRow && suppressed ? FEWER_THAN_5 : value(m);
        return sendExport(
          reply,
          format,
          `cpd-70-20-10-${unit.name}-${year.year}`,
          [
            { header: "Name", value: (m: TeamMemberMix) => m.name },
            { header: "Team", value: (m: TeamMemberMix) => m.team },
            { header: `${categoryNames.experience}: hours`, value: cell((m) => m.mix.hours.experience) },
            { header: `${categoryNames.others}: hours`, value: cell((m) => m.mix.hours.others) },
            { header: `${categoryNames.formal}: hours`, value: cell((m) => m.mix.hours.formal) },
            { header: "Total hours", value: cell((m) => m.mix.total) },
            { header: `${categoryNames.experience}: %`, value: cell((m) => m.mix.percent.experience) },
            { header: `${categoryNames.others}: %`, value: cell((m) => m.mix.percent.others) },
            { header: `${categoryNames.formal}: %`, value: cell((m) => m.mix.percent.formal) },
          ],
          [...members, teamRow],
        );
      }

      return reply.render("cpd/log/pages/team/view.njk", {
        pageTitle: `${unit.name}: 70:20:10`,
        unitName: unit.name,
        year,
        yearItems: yearChoices(cpdLog, year),
        action: `/cpd/teams/${unitId}`,
        exportBase: `/cpd/teams/${unitId}?year=${year.year}&`,
        teamMix: suppressed || contributors === 0 ? null : mixView(team),
        suppressed,
        contributors,
        showTeam: members.some((m) => m.team !== unit.name),
        members: members.map((m) => ({
          name: m.name,
          href: `/cpd/people/${m.personId}`,
          team: m.team ?? "",
          experience: hoursText(m.mix.hours.experience),
          others: hoursText(m.mix.hours.others),
          formal: hoursText(m.mix.hours.formal),
          total: hoursText(m.mix.total),
          shares:
            m.mix.total > 0
              ? `${m.mix.percent.experience}:${m.mix.percent.others}:${m.mix.percent.formal}`
              : "",
        })),
      });
    },
  );
}
