// Lexicon data and one pure lookup: a coarse event type for display, from a clause's predicate classes
// (see predicates.ts). Matching never depends on it; a class with no entry is shown as itself.
import type { EventType } from "../types.js";
import { table } from "./table.js";

const DISPLAY_TYPE: ReadonlyMap<string, EventType> = table<EventType>({
  attack: "STRIKE", responsible: "RESPONSIBILITY", inform: "NOTIFICATION", die: "CASUALTIES", injure: "CASUALTIES",
});

export function eventTypeOfClasses(classes: string[]): EventType {
  const first = classes[0];
  if (!first) return "OTHER";
  return DISPLAY_TYPE.get(first) ?? first.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}
