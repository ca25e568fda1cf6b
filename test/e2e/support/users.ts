import type { Browser, Page } from "playwright-core";
import type { TestServer } from "./server.js";
import { signedInPage } from "./session.js";

/**
 * A test's account: its name and role, and the keys (in the fixture's `id` map) of the person it
 * is linked to and of the unit its role is held in (across the council without one). `id` is set
 * by createUsers.
 */
export interface E2eUser {
  id: string;
  name: string;
  role: string;
  person?: string;
  unit?: string;
}

const personOf = (user: E2eUser, id: Record<string, string>) => (user.person ? id[user.person] : null);
const rolesOf = (user: E2eUser, id: Record<string, string>) => [
  { role: user.role, unitId: user.unit ? (id[user.unit] ?? null) : null },
];

/** Creates each user (email `<key>@example.org`), linked to its person, and records its id. */
export async function createUsers(
  server: TestServer,
  tenantId: string,
  users: Record<string, E2eUser>,
  id: Record<string, string>,
): Promise<void> {
  await server.app.platform.data.run({ tenantId, actor: { id: "system:test" } }, async (db) => {
    for (const [key, user] of Object.entries(users)) {
      user.id = await server.app.auth.createUser(db, {
        email: `${key}@example.org`,
        displayName: user.name,
        personId: personOf(user, id),
        roles: rolesOf(user, id),
      });
    }
  });
}

/** A page signed in as `user`, with its role and its person record. */
export function pageAsUser(
  browser: Browser,
  server: TestServer,
  tenantId: string,
  user: E2eUser,
  id: Record<string, string>,
): Promise<Page> {
  return signedInPage(browser, server, {
    userId: user.id,
    tenantId,
    displayName: user.name,
    personId: personOf(user, id),
    roles: rolesOf(user, id),
  });
}
