import type { Scenario } from "../scenario.js";
import { escapeHtml } from "./demo-authority.js";
import { LEARNING_SCALE, learningOffer } from "./learning-offer.js";

/** A service's people-by-requirement matrix (everyone in its teams), first page of 50 people, as L&D. */
export const complianceMatrix: Scenario = {
  name: "compliance-matrix",
  description: "A service's people-by-requirement matrix, first 50 people, as an L&D officer",
  scale: LEARNING_SCALE,
  async setup(ctx) {
    const offer = await learningOffer(ctx);
    return {
      requests: [{ path: `/learning/compliance/teams/${offer.service.id}` }],
      headers: { cookie: offer.cookie },
      expectBody: [escapeHtml(offer.service.name), "page=2", 'action="/sign-out"'],
    };
  },
};
