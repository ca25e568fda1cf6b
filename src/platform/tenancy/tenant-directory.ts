import type { Kysely } from "kysely";
import type { Database, Tenant } from "../db/schema.js";

/**
 * The councils this installation serves, held in memory (there are few, and every request needs
 * one). A request's tenant is the one whose host names include the request's host, else the
 * default tenant (the first created): a single council's installation needs no host names.
 */
export class TenantDirectory {
  #byHost = new Map<string, Tenant>();
  #default: Tenant | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<void> {
    const tenants = await this.db
      .selectFrom("tenants")
      .selectAll()
      .orderBy("created_at")
      .orderBy("slug")
      .execute();
    this.#byHost = new Map(tenants.flatMap((t) => t.hostnames.map((h) => [h.toLowerCase(), t] as const)));
    this.#default = tenants[0];
  }

  forHost(hostname: string): Tenant {
    const host = hostname.toLowerCase().replace(/:\d+$/, "");
    const tenant = this.#byHost.get(host) ?? this.#default;
    if (!tenant) throw new Error("No tenant: the database has no authority yet");
    return tenant;
  }

  /** Creates the first tenant when there is none, so a new installation starts with one. */
  async ensureDefault(name: string, slug = "default"): Promise<void> {
    const existing = await this.db.selectFrom("tenants").select("id").limit(1).execute();
    if (existing.length === 0) await this.db.insertInto("tenants").values({ slug, name }).execute();
    await this.load();
  }
}
