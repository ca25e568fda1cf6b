import type { Scenario } from "../scenario.js";
import { health } from "./health.js";
import { reference } from "./reference.js";

/** Every scenario, by name. `reference` always runs first; the rest run in the order asked for. */
export const scenarios: readonly Scenario[] = [reference, health];
