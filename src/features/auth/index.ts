import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AuthService } from "./auth.service.js";
import { authPages } from "./pages/index.js";

/** Sign-in with local accounts, sign-out, and password links through the outbox. */
export const authFeature = fp(
  async (app: FastifyInstance) => {
    const auth = new AuthService(app.platform.data, app.platform.clock, app.platform.outbox);
    app.decorate("auth", auth);
    await app.register(authPages, { auth });
  },
  { name: "wa-auth", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    auth: AuthService;
  }
}
