import { Random } from "./random.js";

/**
 * Made-up councils for a national service's worth of tenants: a place name from two parts and a
 * kind of council, all different, the same for the same seed.
 */
const starts = [
  "Ash",
  "Brack",
  "Bram",
  "Cal",
  "Chal",
  "Clay",
  "Cold",
  "Crane",
  "Dun",
  "Elm",
  "Fern",
  "Glen",
  "Grey",
  "Hales",
  "Hart",
  "Haw",
  "Hol",
  "Kings",
  "Lang",
  "Lark",
  "Lin",
  "Marl",
  "Mill",
  "Nor",
  "Oak",
  "Pen",
  "Quarn",
  "Raven",
  "Red",
  "Rook",
  "Rush",
  "Sal",
  "Sand",
  "Shep",
  "Stan",
  "Stone",
  "Sud",
  "Thorn",
  "Tre",
  "Wal",
  "Wen",
  "West",
  "Whit",
  "Wick",
  "Wil",
  "Wold",
  "Wych",
  "Yar",
] as const;
const ends = [
  "borough",
  "bridge",
  "bury",
  "by",
  "combe",
  "dale",
  "den",
  "field",
  "ford",
  "ham",
  "hurst",
  "ington",
  "ley",
  "mere",
  "minster",
  "moor",
  "stead",
  "stow",
  "thorpe",
  "ton",
  "wick",
  "worth",
] as const;
const kinds = [
  ["Borough Council", 40],
  ["County Council", 20],
  ["City Council", 12],
  ["Metropolitan Borough Council", 18],
  ["Council", 10],
] as const;

/** `count` distinct council names. */
export function authorityNamesFor(count: number, seed: number): string[] {
  const rng = Random.derive(seed, "authorities");
  const used = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    const place = `${rng.pick(starts)}${rng.pick(ends)}`;
    if (used.has(place)) {
      if (used.size >= starts.length * ends.length) throw new Error("Too many authorities for the name list");
      continue;
    }
    used.add(place);
    names.push(`${place} ${rng.weighted(kinds)}`);
  }
  return names;
}

/**
 * Staff for each of `count` authorities around `staff` each: councils differ in size (0.6 to 1.4
 * times the mean here), never below 200 (one team of each kind). A single authority gets exactly `staff`.
 */
export function authoritySizes(count: number, staff: number, seed: number): number[] {
  if (count === 1) return [staff];
  const rng = Random.derive(seed, "authority-sizes");
  return Array.from({ length: count }, () => Math.max(200, Math.round(staff * (0.6 + 0.8 * rng.next()))));
}

/** Each authority's own seed; the first keeps the seed given, so one authority alone is the same data. */
export function authoritySeed(seed: number, index: number): number {
  return index === 0 ? seed : Random.derive(seed, `authority-${index}`).int(1, 2 ** 31 - 1);
}
