// Lexicon data and one pure lookup: the event type a clause talks about, from its vocabulary.
import type { EventType } from "../types.js";

export function eventTypeOf(clause: string): EventType {
  if (/\binform(ed|ing)?\b|\bnotif|\bpre-notification|\bcoordinat|\bbeforehand\b|\bin advance\b|\bahead of\b/i.test(clause)) return "NOTIFICATION";
  if (/\b(carried|carry|carrying)\b[^.]{0,20}\bout\b|\bconduct(ed|ing)?\b|\blaunch(ed)?\b|\binvolve(d|ment)\b|\bresponsib|\bbehind the\b|\btargeting of\b/i.test(clause)) return "RESPONSIBILITY";
  if (/\b(air ?strikes?|strikes?|attack(ed|s)?|explosions?|bomb(ing|ed)?|drone|rockets?|shelling|hit|targeted|targeting)\b/i.test(clause)) return "STRIKE";
  if (/\b(killed|killing|dead|deaths?|wounded|injured|injuries|casualt(y|ies)|toll)\b/i.test(clause)) return "CASUALTIES";
  return "OTHER";
}
