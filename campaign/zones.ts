// Where a number can ring: its time zones from its prefix, with Google libphonenumber's prefix →
// time-zone data (vendored in zone-data/), looked up as libphonenumber's PhoneNumberToTimeZonesMapper
// does. A +1 212 number is in New York only; every +86 number is on Beijing time; a mobile of a
// country whose mobiles are not geographic gets every zone of its country code.
import { getCountry } from "countries-and-timezones";
import type { NumberType } from "libphonenumber-js/max";
import { MAP_DATA } from "./zone-data/map-data";

/** How the zones of a number were found. */
export type ZoneSource = "prefix" | "country";

export interface NumberZones {
    zones: string[];
    /** "prefix": from the number's prefix; "country": the data has none (invalid number), so every zone of its country. */
    source: ZoneSource;
}

// Country calling codes whose mobile numbers are geographically assigned (PhoneNumberUtil.GEO_MOBILE_COUNTRIES).
const GEO_MOBILE_COUNTRIES = new Set(["52", "54", "55", "62", "86"]);

/** A number's country calling code and national significant number. */
export interface NumberParts {
    countryCallingCode: string;
    nationalNumber: string;
}

let table: { byPrefix: Map<string, string[]>; longest: number } | undefined;

/** The prefix table, parsed once per process. */
function prefixTable(): { byPrefix: Map<string, string[]>; longest: number } {
    if (!table) {
        const byPrefix = new Map<string, string[]>();
        let longest = 0;
        for (const line of MAP_DATA.split("\n")) {
            const bar = line.indexOf("|");
            if (bar < 0) continue;
            byPrefix.set(line.slice(0, bar), line.slice(bar + 1).split("&"));
            longest = Math.max(longest, bar);
        }
        table = { byPrefix, longest };
    }
    return table;
}

/** The zones of the longest prefix of `digits` (country code + national number) in the data. */
export function zonesForPrefix(digits: string): string[] | undefined {
    const { byPrefix, longest } = prefixTable();
    for (let n = Math.min(longest, digits.length); n > 0; n--) {
        const zones = byPrefix.get(digits.slice(0, n));
        if (zones) return zones;
    }
    return undefined;
}

/** The zones of every country in `countries` (countries-and-timezones, the IANA database). */
export function countryZones(countries: readonly string[]): string[] {
    return [...new Set(countries.flatMap((c) => getCountry(c)?.timezones ?? []))];
}

/**
 * The zones a parsed number can ring in. `type` is its libphonenumber type (undefined: not a valid
 * number), computed once by the caller. Fixed lines (and mobiles of countries whose mobiles are
 * geographic) by longest prefix; other valid numbers by their country code; an invalid number has
 * none in the data ("Etc/Unknown" in libphonenumber) and falls back to its country's zones.
 */
export function numberZones(number: NumberParts, type: NumberType, countries: readonly string[]): NumberZones {
    if (type !== undefined) {
        const geographic = type === "FIXED_LINE" || type === "FIXED_LINE_OR_MOBILE" || (type === "MOBILE" && GEO_MOBILE_COUNTRIES.has(number.countryCallingCode));
        const zones = geographic ? zonesForPrefix(number.countryCallingCode + number.nationalNumber) : prefixTable().byPrefix.get(number.countryCallingCode);
        if (zones) return { zones, source: "prefix" };
    }
    return { zones: countryZones(countries), source: "country" };
}
