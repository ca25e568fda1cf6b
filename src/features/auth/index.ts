import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AuthService } from "./auth.service.js";
import { OidcSignIn } from "./oidc.js";
import { authPages } from "./pages/index.js";
import { signInsRoutes } from "./pages/sign-ins/handlers.js";
import { usersPermission, usersRoutes } from "./pages/users/handlers.js";
import { UsersService } from "./users.service.js";

/** Sign-in with local accounts, sign-out, and password links through the outbox. */
export const authFeature = fp(
  async (app: FastifyInstance) => {
    const auth = new AuthService(app.platform.data, app.platform.clock, app.platform.outbox);
    app.decorate("auth", auth);
    const oidc = app.platform.config.oidc ? new OidcSignIn(app.platform.config.oidc) : null;
    await app.register(authPages, { auth, oidc });
    await app.register(signInsRoutes, { auth });
    const users = new UsersService(app.platform.data, auth, () =>
      app.platform.policy.roles().map((r) => r.role),
    );
    app.platform.navigation.add({ href: "/admin/users", text: "Users", permission: usersPermission });
    await app.register(usersRoutes, { users, auth });
  },
  { name: "wa-auth", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface Session {
    /** A single sign-on in progress: what the callback must check. */
    oidc?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
  }
}
