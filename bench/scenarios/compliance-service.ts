import type { Scenario } from "../scenario.js";
import { escapeHtml } from "./demo-authority.js";
import { LEARNING_SCALE, learningOffer } from "./learning-offer.js";

/** The percentage compliant per requirement per team, for the biggest service, as L&D. */
export const complianceService: Scenario = {
  name: "compliance-service",
  description: "Compliance for a service: % compliant per requirement (40) per team, as an L&D officer",
  scale: LEARNING_SCALE,
  async setup(ctx) {
    const offer = await learningOffer(ctx);
    return {
      requests: [{ path: `/learning/compliance?unit=${offer.service.id}` }],
      headers: { cookie: offer.cookie },
      expectBody: [escapeHtml(offer.service.name), "Mandatory 40", 'action="/sign-out"'],
    };
  },
};
