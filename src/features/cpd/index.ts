import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { cpdLogArea } from "./log/index.js";
import { cpdPermissions } from "./permissions.js";
import { registrationArea } from "./registration/index.js";

/**
 * Continuing professional development: each person's CPD log (the 70:20:10 of how they learn),
 * and Social Work England readiness for the registration year. Each area registers its own routes.
 */
export const cpdFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({ href: "/cpd", text: "CPD", permission: cpdPermissions.own });
    await app.register(cpdLogArea);
    await app.register(registrationArea);
  },
  { name: "wa-cpd", dependencies: ["wa-people", "wa-learning"] },
);
