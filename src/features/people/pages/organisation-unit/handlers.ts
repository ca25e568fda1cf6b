import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { peoplePermissions } from "../../permissions.js";
import {
  can,
  contractTypeName,
  formatFte,
  fullName,
  isUuid,
  notFound,
  type Query,
  queryString,
  readAsAt,
  takeNotice,
  unitTypeNames,
} from "../shared.js";

type TeamView = NonNullable<Awaited<ReturnType<FastifyInstance["people"]["teamView"]>>>;
type Member = TeamView["members"][number];
type PostRow = TeamView["posts"][number];

/**
 * `/organisation/units/:unitId?asAt=`: a team (or any unit) on a date: its place in the
 * organisation, totals (in post, establishment, vacancies and agency cover), members, posts and
 * the units below it.
 */
export async function organisationUnitRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { unitId: string } }>(
    "/organisation/units/:unitId",
    { config: { permission: peoplePermissions.viewOrganisation } },
    async (request, reply) => {
      const { unitId } = request.params;
      if (!isUuid(unitId)) return notFound(reply);
      const query = request.query as Query;
      const today = app.people.today();
      const asAt = readAsAt(query, today);
      const path = `/organisation/units/${unitId}`;
      if (asAt.fromParts && asAt.errorSummary.length === 0) {
        return reply.redirect(`${path}${queryString({ asAt: asAt.param })}`);
      }
      const ctx = request.tenantContext();
      const team = await app.people.teamView(ctx, unitId, asAt.asAt);
      if (!team) {
        // Not on that date: say so if the unit exists today, else there is no such unit.
        const now = asAt.asAt === today ? null : await app.people.teamView(ctx, unitId, today);
        if (!now) return notFound(reply);
        return reply.render("people/pages/organisation-unit/view.njk", {
          pageTitle: now.unit.name,
          asAt: asAt.asAt,
          asAtView: asAt,
          path,
          unit: { name: now.unit.name, type: unitTypeNames[now.unit.unitType] ?? now.unit.unitType },
          absent: true,
          breadcrumbs: [{ text: "Organisation", href: "/organisation" }],
        });
      }

      const format = exportFormat(query.format);
      if (format) {
        const name = `${team.unit.code}-${query.table === "posts" ? "posts" : "members"}-${asAt.asAt}`;
        if (query.table === "posts") {
          return sendExport(
            reply,
            format,
            name,
            [
              { header: "Post", value: (p: PostRow) => p.reference },
              { header: "Role", value: (p) => p.jobRole },
              { header: "Grade", value: (p) => p.grade },
              { header: "FTE", value: (p) => Number(p.fte) },
              { header: "Held by", value: (p) => holders(p) },
              { header: "Vacant FTE", value: (p) => p.vacancyFte },
              { header: "Covered FTE", value: (p) => p.coveredFte },
            ],
            team.posts,
          );
        }
        return sendExport(
          reply,
          format,
          name,
          [
            { header: "Name", value: (m: Member) => fullName(m) },
            { header: "Role", value: (m) => m.jobRole },
            { header: "Career level", value: (m) => m.careerLevel },
            { header: "Contract type", value: (m) => contractTypeName(m.contractType) },
            { header: "FTE", value: (m) => Number(m.fte) },
            { header: "Post", value: (m) => postReference(team, m.postId) },
            { header: "In this team from", value: (m) => m.validFrom },
          ],
          team.members,
        );
      }

      const linkQuery = queryString({ asAt: asAt.param });
      const exportBase = (table: string) => `${path}${queryString({ asAt: asAt.param, table })}&`;
      const t = team.totals;
      return reply
        .code(asAt.errorSummary.length ? 400 : 200)
        .render("people/pages/organisation-unit/view.njk", {
          pageTitle: team.unit.name,
          asAt: asAt.asAt,
          asAtView: asAt,
          errorSummary: asAt.errorSummary,
          notification: takeNotice(request),
          path,
          breadcrumbs: [
            { text: "Organisation", href: `/organisation${linkQuery}` },
            ...team.ancestry
              .filter((u) => u.orgUnitId !== unitId)
              .map((u) => ({ text: u.name, href: `/organisation/units/${u.orgUnitId}${linkQuery}` })),
          ],
          unit: {
            name: team.unit.name,
            code: team.unit.code,
            type: unitTypeNames[team.unit.unitType] ?? team.unit.unitType,
            managerName: team.unit.managerName,
            managerHref: team.unit.managerPersonId ? `/people/${team.unit.managerPersonId}` : null,
          },
          totals: {
            headcount: t.headcount,
            fteInPost: formatFte(t.fteInPost),
            establishmentFte: formatFte(t.establishmentFte),
            vacancyFte: formatFte(t.vacancyFte),
            coveredFte: formatFte(t.coveredFte),
            agencyHeadcount: t.agencyHeadcount,
            agencyFte: formatFte(t.agencyFte),
          },
          members: team.members.map((m) => ({
            href: `/people/${m.personId}`,
            name: fullName(m),
            jobRole: m.jobRole,
            careerLevel: m.careerLevel,
            contractType: contractTypeName(m.contractType),
            fte: formatFte(m.fte),
            post: postReference(team, m.postId),
            since: m.validFrom,
          })),
          posts: team.posts.map((p) => ({
            reference: p.reference,
            jobRole: p.jobRole,
            grade: p.grade,
            fte: formatFte(p.fte),
            holders: p.holders.map((h) => ({
              href: `/people/${h.personId}`,
              name: fullName(h),
              contractType: contractTypeName(h.contractType),
              fte: formatFte(h.fte),
            })),
            vacancyFte: formatFte(p.vacancyFte),
            coveredFte: formatFte(p.coveredFte),
            vacant: p.vacancyFte > 0,
            covered: p.vacancyFte > 0 && p.coveredFte >= p.vacancyFte,
          })),
          children: team.children.map((c) => ({
            name: c.name,
            type: unitTypeNames[c.unitType] ?? c.unitType,
            href: `/organisation/units/${c.orgUnitId}${linkQuery}`,
          })),
          membersExport: exportBase("members"),
          postsExport: exportBase("posts"),
          moveTeamHref: can(app, request, peoplePermissions.manageOrganisation) ? `${path}/move` : null,
          historyHref: request.scope("audit.view").tenant ? `/audit/history/org_units/${unitId}` : null,
          movePeopleHref:
            can(app, request, peoplePermissions.edit) && team.members.length > 0
              ? `/people/move${queryString({ from: unitId })}`
              : null,
          peopleHref: `/people${queryString({ unit: unitId, asAt: asAt.param })}`,
        });
    },
  );
}

function holders(p: PostRow): string {
  return p.holders
    .map((h) => `${fullName(h)} (${contractTypeName(h.contractType)}, ${formatFte(h.fte)})`)
    .join("; ");
}

function postReference(team: TeamView, postId: string | null): string {
  if (!postId) return "";
  return team.posts.find((p) => p.id === postId)?.reference ?? "";
}
