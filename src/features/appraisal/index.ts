import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { appraisalPermissions } from "./permissions.js";

/**
 * Appraisal: yearly cycles with a mid-year review; each person's objectives, development needs
 * (into the learning needs analysis), career aspiration and completion; completion by service.
 */
export const appraisalFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/appraisal",
      text: "Appraisal",
      permission: appraisalPermissions.view,
    });
  },
  { name: "wa-appraisal", dependencies: ["wa-people", "wa-learning"] },
);
