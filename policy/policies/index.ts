import { allowedDays } from "./allowed-days";
import { allowedHours } from "./allowed-hours";
import { attempts } from "./attempts";
import { doNotCall } from "./do-not-call";
import { numbers } from "./numbers";
import { scheduleSanity } from "./schedule-sanity";
import { stackOverlap } from "./stack-overlap";
import { timeZoneConsistent } from "./time-zone";

export { allowedDays, allowedHours, attempts, doNotCall, numbers, scheduleSanity, stackOverlap, timeZoneConsistent };

/** Every policy of the pack, in the order they are listed in the README. */
export const policies = [allowedHours, allowedDays, timeZoneConsistent, scheduleSanity, numbers, doNotCall, attempts, stackOverlap];
