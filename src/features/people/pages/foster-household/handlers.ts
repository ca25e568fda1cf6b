import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { findFosterHousehold, householdCarers } from "../../pages.queries.js";
import { peoplePermissions } from "../../permissions.js";
import { fosterApprovalTypeNames, isUuid, notFound, type Query } from "../shared.js";

/** `/foster-carers/:householdId`: a foster carer household and its carers. */
export async function fosterHouseholdRoutes(app: FastifyInstance): Promise<void> {
  const { data } = app.platform;

  app.get<{ Params: { householdId: string } }>(
    "/foster-carers/:householdId",
    { config: { permission: peoplePermissions.view } },
    async (request, reply) => {
      const { householdId } = request.params;
      if (!isUuid(householdId)) return notFound(reply);
      const found = await data.run(request.tenantContext(), async (db) => {
        const household = await findFosterHousehold(db, householdId);
        return household ? { household, carers: await householdCarers(db, householdId) } : null;
      });
      if (!found) return notFound(reply);
      const { household: h, carers } = found;
      const format = exportFormat((request.query as Query).format);
      if (format) {
        return sendExport(
          reply,
          format,
          `foster-carers-${h.reference}`,
          [
            { header: "Given name", value: (c: (typeof carers)[number]) => c.givenName },
            { header: "Family name", value: (c) => c.familyName },
            { header: "Email", value: (c) => c.email },
            { header: "Phone", value: (c) => c.phone },
          ],
          carers,
        );
      }
      const today = app.people.today();
      return reply.render("people/pages/foster-household/view.njk", {
        pageTitle: h.name,
        household: {
          reference: h.reference,
          name: h.name,
          approvalType: fosterApprovalTypeNames[h.approvalType] ?? h.approvalType,
          approvedOn: h.approvedOn,
          deregisteredOn: h.deregisteredOn,
          ssw: h.supervisingSocialWorkerName,
          sswHref: h.supervisingSocialWorkerId ? `/people/${h.supervisingSocialWorkerId}` : null,
          reviewDue: h.annualReviewDueOn,
          reviewOverdue: h.annualReviewDueOn !== null && h.annualReviewDueOn < today && !h.deregisteredOn,
        },
        exportBase: `/foster-carers/${householdId}?`,
        carers: carers.map((c) => ({
          href: `/people/${c.id}`,
          name: `${c.givenName} ${c.familyName}`,
          email: c.email,
          phone: c.phone,
        })),
      });
    },
  );
}
