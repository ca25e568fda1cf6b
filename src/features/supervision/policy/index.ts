import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { anonymiseAgreements } from "./agreements.repository.js";
import { agreementRoutes } from "./pages/agreement/handlers.js";
import { agreementViewRoutes } from "./pages/agreement-view/handlers.js";
import { policyRoutes } from "./pages/policy/handlers.js";
import { ruleRoutes } from "./pages/rule/handlers.js";
import { ruleNewRoutes } from "./pages/rule-new/handlers.js";
import { settingsRoutes } from "./pages/settings/handlers.js";
import { SupervisionPolicyService } from "./policy.service.js";

/**
 * The supervision policy area: the effective-dated rules (how often, by role, career level or
 * early career programme), the council's settings and each person's supervision agreement.
 * Not encapsulated, so `app.supervisionPolicy` is there for the other areas.
 */
export const policyArea = fp(
  async (app: FastifyInstance) => {
    const policy = new SupervisionPolicyService(app.platform.data, app.platform.clock);
    app.decorate("supervisionPolicy", policy);
    app.people.addAnonymiser(anonymiseAgreements);
    const opts = { policy };
    await app.register(policyRoutes, opts);
    await app.register(ruleNewRoutes, opts);
    await app.register(ruleRoutes, opts);
    await app.register(settingsRoutes, opts);
    await app.register(agreementRoutes, opts);
    await app.register(agreementViewRoutes, opts);
  },
  { name: "wa-supervision-policy", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    supervisionPolicy: SupervisionPolicyService;
  }
}
