// A task's callees, analysed once per process: each number parsed and validated once, grouped by
// country and by the zones it can ring in, before any time arithmetic. Every policy that looks at
// callees works on the groups, so its cost grows with the number of distinct zone sets, not callees.
import { Metadata, type MetadataJson, type NumberType } from "libphonenumber-js/core";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import metadata from "libphonenumber-js/metadata.max.json";
import { maskNumber } from "./numbers";
import { Memo } from "./memo";
import { type NumberParts, numberZones, type ZoneSource } from "./zones";

export interface CalleeGroup {
    /** ISO country code, when the number tells it. */
    country?: string;
    /** Every IANA zone a number of the group can ring in. */
    zones: string[];
    source: ZoneSource;
    /** Whether its numbers are valid for their country. */
    valid: boolean;
    numbers: string[];
}

export interface CalleeList {
    groups: CalleeGroup[];
    /** Numbers that are not valid for their country (their zones fall back to the country's). */
    invalid: string[];
    /** One form per callee, in the list's order, for comparing lists written differently. */
    canonical: string[];
}

/**
 * One number's one form: spaces and dashes dropped, `00` read as `+`, and E.164 as libphonenumber-js
 * gives it (`+8602…` with a trunk 0 and `+862…` are one number).
 */
export function canonicalNumber(raw: string): string {
    const compact = compactNumber(raw);
    return parsePhoneNumberFromString(compact)?.number ?? compact;
}

const compactNumber = (raw: string) => raw.trim().replace(/[\s\-().]/g, "").replace(/^00/, "+");

const CALLING_CODES = metadata.country_calling_codes as Record<string, string[]>;

// libphonenumber-js's Metadata, with the methods its own getNumberType uses (its typings omit them).
interface TypeDefinition {
    pattern(): string;
    possibleLengths(): number[] | undefined;
}
interface NumberingPlans {
    selectNumberingPlan(country: string): void;
    leadingDigits(): string | undefined;
    nationalNumberPattern(): string;
    type(type: string): TypeDefinition | undefined;
}
const plans = new Metadata(metadata as MetadataJson) as unknown as NumberingPlans;
const NON_FIXED_LINE_TYPES = ["MOBILE", "PREMIUM_RATE", "TOLL_FREE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER", "UAN", "VOICEMAIL"] as const;

// libphonenumber-js builds a RegExp from the pattern text on every test; here each is compiled once,
// keyed by the metadata's own pattern string (whose hash the engine keeps), not by a new string per test.
function anchored(cache: Map<string, RegExp>, suffix: string): (pattern: string) => RegExp {
    return (pattern) => {
        let r = cache.get(pattern);
        if (!r) cache.set(pattern, (r = new RegExp(`^(?:${pattern})${suffix}`)));
        return r;
    };
}
const whole = anchored(new Map(), "$");
const leadingPart = anchored(new Map(), "");
const matches = (nsn: string, pattern: string) => whole(pattern).test(nsn);

/** libphonenumber-js's getNumberType for a national number of a country (undefined: not valid there). */
function numberType(country: string, nsn: string): NumberType {
    plans.selectNumberingPlan(country);
    if (!matches(nsn, plans.nationalNumberPattern())) return undefined;
    const is = (type: string) => {
        const definition = plans.type(type);
        const pattern = definition?.pattern();
        const lengths = definition?.possibleLengths();
        return !!pattern && (!lengths || lengths.includes(nsn.length)) && matches(nsn, pattern);
    };
    if (is("FIXED_LINE")) {
        const mobile = plans.type("MOBILE");
        return !mobile || mobile.pattern() === "" || is("MOBILE") ? "FIXED_LINE_OR_MOBILE" : "FIXED_LINE";
    }
    return NON_FIXED_LINE_TYPES.find(is);
}

/** libphonenumber-js's getCountryByCallingCode: the country of a national number under a shared calling code. */
function countryOf(countries: readonly string[], nsn: string): string | undefined {
    if (countries.length === 1) return countries[0];
    return countries.find((c) => {
        plans.selectNumberingPlan(c);
        const leading = plans.leadingDigits();
        return leading ? leadingPart(leading).test(nsn) : numberType(c, nsn) !== undefined;
    });
}

interface ParsedNumber extends NumberParts {
    country?: string;
    /** E.164. */
    number: string;
}

/**
 * A number and its type (undefined: not valid for its country). Most callees are written as E.164
 * and valid as written: they are read from their digits with the patterns compiled once, several
 * times faster than libphonenumber-js's parse. Anything else (a trunk 0 after the country code,
 * punctuation, an invalid number) is parsed in full by libphonenumber-js.
 */
function parseNumber(compact: string): { parsed?: ParsedNumber; type?: NumberType } {
    const digits = /^\+([1-9]\d{5,16})$/.exec(compact)?.[1];
    const cc = digits && [1, 2, 3].map((n) => digits.slice(0, n)).find((c) => CALLING_CODES[c]);
    if (digits && cc) {
        const nationalNumber = digits.slice(cc.length);
        const country = countryOf(CALLING_CODES[cc], nationalNumber);
        const type = country && country !== "001" ? numberType(country, nationalNumber) : undefined;
        if (type !== undefined) return { parsed: { countryCallingCode: cc, nationalNumber, country, number: compact }, type };
    }
    const parsed = parsePhoneNumberFromString(compact);
    return { parsed, type: parsed?.getType() };
}

function analyse(callees: readonly string[]): CalleeList {
    const groups = new Map<string, CalleeGroup>();
    const invalid: string[] = [];
    const canonical: string[] = [];
    for (const number of callees) {
        const compact = compactNumber(number);
        // With the max metadata a number is valid exactly when it has a type (libphonenumber-js isValid).
        const { parsed, type } = parseNumber(compact);
        if (type === undefined) invalid.push(number);
        canonical.push(parsed?.number ?? compact);
        const countries = parsed?.country ? [parsed.country] : parsed ? (CALLING_CODES[parsed.countryCallingCode] ?? []) : [];
        const where = parsed ? numberZones(parsed, type, countries) : { zones: [], source: "country" as const };
        const key = `${parsed?.country ?? ""}|${type !== undefined}|${where.source}|${where.zones.join("&")}`;
        const group = groups.get(key);
        if (group) group.numbers.push(number);
        else groups.set(key, { country: parsed?.country, ...where, valid: type !== undefined, numbers: [number] });
    }
    return { groups: [...groups.values()], invalid, canonical };
}

// Keyed by the list's content: a stack holds one list per task, and every policy looks at each.
const lists = new Memo<CalleeList>(2048);

/** The analysis of a callee list, computed once per process per distinct list. */
export function calleeList(callees: readonly string[]): CalleeList {
    return lists.get(callees.join("\n"), () => analyse(callees));
}

/** A group of callees with the zones that apply under the config, described for messages. */
export interface ZonedGroup {
    key: string;
    country?: string;
    zones: string[];
    source: ZoneSource | "config";
    numbers: string[];
    /** "in America/New_York", "in Australia/Adelaide, … and 5 more", with the reason when not by prefix. */
    where: string;
    /** A single zone: messages then say "there". */
    oneZone: boolean;
}

/**
 * The callee list's groups, each with its zones narrowed by a per-country `zones` override from the
 * config when there is one.
 */
export function zonedGroups(callees: readonly string[], countries: Record<string, { zones?: string[] }> = {}): ZonedGroup[] {
    return calleeList(callees).groups.map((g, i) => {
        const override = g.country ? countries[g.country]?.zones : undefined;
        const { zones, source } = override?.length ? { zones: override, source: "config" as const } : g;
        const fallback = `${g.valid ? "no zone for the prefix in the data" : "not a valid number"}: every zone of ${g.country ?? "the country code"}`;
        const why = source === "country" ? ` (${fallback})` : source === "config" ? " (zones set in the config)" : "";
        const where = zones.length ? `in ${zoneList(zones)}${why}` : `in no known time zone (${g.valid ? "no zone for the number in the data" : "not a phone number"})`;
        return { key: String(i), country: g.country, zones, source, numbers: g.numbers, where, oneZone: zones.length === 1 };
    });
}

/** "3 callees (+1 …)" or "1 callee (+86*********78)": counts and masked samples, never a list. */
export function describeCallees(numbers: readonly string[]): string {
    const sample = numbers.slice(0, 2).map(maskNumber).join(", ");
    return `${numbers.length} callee${numbers.length === 1 ? "" : "s"} (${sample}${numbers.length > 2 ? ", …" : ""})`;
}

/** A zone list a reviewer reads at a glance: the first few, then how many more. */
export function zoneList(zones: readonly string[], max = 3): string {
    return zones.length <= max ? zones.join(", ") : `${zones.slice(0, max).join(", ")} and ${zones.length - max} more`;
}
