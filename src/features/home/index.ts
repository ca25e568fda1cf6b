import type { FastifyInstance } from "fastify";
import { dateInLondon } from "../../platform/dates.js";
import { panelsFor } from "./panels/index.js";

/** The start page, the reference page (benchmarks) and the footer's information pages. */
export async function homeFeature(app: FastifyInstance): Promise<void> {
  app.platform.navigation.add({ href: "/", text: "Home", permission: "public" });

  // Public: signed out, the service and the sign-in start; signed in, a panel per kind of role held.
  app.get("/", { config: { permission: "public" } }, async (request, reply) => {
    if (!request.principal) return reply.render("home/pages/home.njk", { pageTitle: "Home" });
    return reply.render("home/pages/home.njk", {
      pageTitle: "Home",
      today: dateInLondon(app.platform.clock.now()),
      panels: await panelsFor(app, request),
    });
  });

  // The benchmark baseline: every plugin (session, CSRF, security headers) and the layout, no data.
  app.get("/reference", { config: { permission: "public" } }, async (_request, reply) =>
    reply.render("home/pages/reference.njk", { pageTitle: "Reference page" }),
  );

  for (const page of ["accessibility", "cookies", "privacy"] as const) {
    app.get(`/${page}`, { config: { permission: "public" } }, async (_request, reply) =>
      reply.render(`home/pages/${page}.njk`, { pageTitle: titles[page] }),
    );
  }
}

const titles = {
  accessibility: "Accessibility statement",
  cookies: "Cookies",
  privacy: "Privacy notice",
};
