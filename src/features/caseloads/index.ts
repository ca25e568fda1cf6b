import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { caseloadPermissions } from "./permissions.js";

/**
 * Caseloads: snapshots of the children allocated to each worker (from the case management
 * system's CSV by feed or upload, or typed), targets by role and career level, team and service
 * averages over time, alerts when someone is over their cap, and the DfE's average caseload.
 */
export const caseloadsFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/caseloads",
      text: "Caseloads",
      permission: caseloadPermissions.view,
    });
  },
  { name: "wa-caseloads", dependencies: ["wa-people", "wa-early-career"] },
);
