import type { Kysely } from "kysely";
import type { Principal } from "../src/platform/auth/principal.js";
import type { Database } from "../src/platform/db/schema.js";
import type { Platform } from "../src/platform/platform.js";

/** What a scenario's setup may use: the app's own building blocks on the benchmark database. */
export interface ScenarioContext {
  db: Kysely<Database>;
  /** The app's platform (services, tenants, session store), built exactly as the server builds it. */
  platform: Platform;
  /** The default tenant, the one every request to 127.0.0.1 is served as. */
  tenantId: string;
  /**
   * Opens a signed-in session and returns its `Cookie` header value. By default a system
   * administrator of the default tenant; pass fields to change that.
   */
  signIn(principal?: Partial<Principal>): Promise<string>;
}

export interface BenchRequest {
  /** Path and query, e.g. "/people?page=2". */
  path: string;
}

/** What autocannon drives: its connections cycle through `requests` in order. */
export interface ScenarioPlan {
  requests: BenchRequest[];
  /** Sent with every request (e.g. `cookie`). */
  headers?: Record<string, string>;
  /**
   * Text each response must contain, checked once per request before the runs: proves the page is
   * the one meant (e.g. signed in) rather than, say, an empty state.
   */
  expectBody?: string[];
}

export interface Scenario {
  /** The command-line name; also the file name under bench/scenarios/. */
  name: string;
  description: string;
  /** The generated data it runs against, in words ("5,000 staff in 40 teams"). */
  scale?: string;
  /** Loads its data and returns what to request. Runs before the server starts. */
  setup(ctx: ScenarioContext): Promise<ScenarioPlan>;
}
