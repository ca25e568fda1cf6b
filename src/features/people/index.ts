import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { feedsFeature } from "./feeds/index.js";
import { peoplePages } from "./pages/index.js";
import { PeopleService } from "./people.service.js";
import { peoplePermissions } from "./permissions.js";

/**
 * Organisation, posts and people: the ground floor every other feature stands on. Other features
 * reach it only through `app.people` (the service), never its tables.
 */
export const peopleFeature = fp(
  async (app: FastifyInstance) => {
    const service = new PeopleService(app.platform.data, app.platform.clock);
    app.decorate("people", service);
    app.platform.navigation.add({ href: "/people", text: "People", permission: peoplePermissions.view });
    app.platform.navigation.add({
      href: "/organisation",
      text: "Organisation",
      permission: peoplePermissions.viewOrganisation,
    });
    await app.register(peoplePages);
    await app.register(feedsFeature);
  },
  { name: "wa-people" },
);

declare module "fastify" {
  interface FastifyInstance {
    people: PeopleService;
  }
}
