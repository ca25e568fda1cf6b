import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { complianceArea } from "./compliance/index.js";
import { observationsArea } from "./observations/index.js";
import { supervisionPermissions } from "./permissions.js";
import { policyArea } from "./policy/index.js";
import { recordsArea } from "./records/index.js";

/**
 * Supervision: the policy (how often, by role, career level or early career programme), each
 * person's agreement, the records (held or cancelled, imported case supervision, the private
 * reflective note), compliance (next due, in date by team, service and authority over time,
 * overdue lists, span of control) and observations of supervision. Each area registers its routes.
 */
export const supervisionFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/supervision",
      text: "Supervision",
      permission: supervisionPermissions.view,
    });
    await app.register(policyArea);
    await app.register(recordsArea);
    await app.register(complianceArea);
    await app.register(observationsArea);
  },
  { name: "wa-supervision", dependencies: ["wa-people", "wa-early-career"] },
);
