import type { Migration } from "kysely";
import * as workforce1900 from "./1900-workforce.js";
import * as workforce1901 from "./1901-feeds.js";
import * as workforce1902 from "./1902-measures.js";
import * as workforce1903 from "./1903-profile.js";
import * as workforce1904 from "./1904-leavers.js";
import * as workforce1905 from "./1905-census.js";
import * as workforce1906 from "./1906-benchmarking.js";
import * as workforce1907 from "./1907-recruitment.js";
import * as workforce1908 from "./1908-forecast.js";

export const workforceMigrations: Record<string, Migration> = {
  "1900-workforce": workforce1900,
  "1901-feeds": workforce1901,
  "1902-measures": workforce1902,
  "1903-profile": workforce1903,
  "1904-leavers": workforce1904,
  "1905-census": workforce1905,
  "1906-benchmarking": workforce1906,
  "1907-recruitment": workforce1907,
  "1908-forecast": workforce1908,
};
