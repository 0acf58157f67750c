// Phone numbers, as every kind of task takes them: one reading of what a user writes (+86…, 0086…,
// full-width digits, YAML numbers), a validity check that keeps up with campaigns of 100,000 callees,
// and masking (callee numbers are personal data: messages, reviews and logs show them masked, by one rule).
import { Metadata, type MetadataJson } from "libphonenumber-js/core";
import { parsePhoneNumberFromString, validatePhoneNumberLength } from "libphonenumber-js/max";
import maxMetadata from "libphonenumber-js/metadata.max.json";
import { Memo } from "./memo";

const SEPARATORS = /[\s\-().]/g;

/** Shows a number's country code and last two digits only: callee numbers are personal data. */
export function maskNumber(number: string): string {
    const compact = String(number).replace(SEPARATORS, "");
    const m = /^(\+|00)?(\d*)$/.exec(compact);
    if (!m) return "<invalid number>";
    const digits = m[2];
    const parsed = m[1] ? parsePhoneNumberFromString(`+${digits}`) : undefined;
    const cc = parsed?.countryCallingCode ?? digits.slice(0, Math.min(2, digits.length));
    const rest = digits.slice(cc.length);
    const tail = rest.length > 4 ? rest.slice(-2) : "";
    return `${m[1] ? "+" : ""}${cc}${"*".repeat(Math.max(rest.length - tail.length, 0))}${tail}`;
}

/** A number as written, or why it cannot be read; the reason never shows the whole number. */
export type NumberReading = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Reads `+86…` or `0086…` into `+` and the digits, exactly as written (CCC matches caller numbers
 * against the console's registered numbers). Full-width digits and plus signs, as Chinese input
 * methods type them, are read as ASCII (NFKC).
 */
export function readNumber(raw: unknown): NumberReading {
    if (typeof raw === "number") {
        // A YAML number written without quotes: 008613… is read as 8613…, so the 00 is lost.
        return { ok: false, reason: `is a number, not text (${maskNumber(`+${raw}`)}); an unquoted 00… or +… loses its prefix in YAML: write it in quotes, as "0086…" or "+86…"` };
    }
    if (typeof raw !== "string") return { ok: false, reason: `must be a phone number in quotes, as "+86…" or "0086…" (got ${raw === null ? "null" : typeof raw})` };
    // Most numbers arrive plain; only the others need normalising and a closer look.
    const plain = /^(?:\+|00)\d+$/.test(raw);
    const compact = plain ? raw : raw.normalize("NFKC").replace(SEPARATORS, "");
    const stray = plain ? [] : [...new Set(compact.replace(/^\+/, "").replace(/\d/g, ""))];
    if (stray.length) {
        const seen = stray.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`).join(", ");
        return { ok: false, reason: `${maskNumber(compact.replace(/[^\d+]/g, ""))} contains ${seen}: only digits 0-9, a leading + and the separators space - ( ) . are allowed` };
    }
    const m = /^(?:\+|00)(\d+)$/.exec(compact);
    if (!m) return { ok: false, reason: `${maskNumber(compact)} must start with a country code, as +86… (E.164) or 0086… (Tencent's format)` };
    const e164 = `+${m[1]}`;
    if (!isValidNumber(e164)) return { ok: false, reason: invalidReason(e164) };
    return { ok: true, e164 };
}

/** Why libphonenumber refuses a number, in words: the length for its country, or the calling code. */
function invalidReason(e164: string): string {
    const masked = maskNumber(e164);
    const parsed = parsePhoneNumberFromString(e164);
    const where = parsed ? `+${parsed.countryCallingCode}${parsed.country ? ` (${parsed.country})` : ""}` : "its country";
    switch (validatePhoneNumberLength(e164)) {
        case "TOO_SHORT":
            return `${masked} is too short for ${where}`;
        case "TOO_LONG":
            return `${masked} is too long for ${where}`;
        case "INVALID_LENGTH":
            return `${masked} has a length that no number of ${where} has`;
        case "INVALID_COUNTRY":
            return `${masked}: no country has this calling code`;
        default:
            return `${masked} is not a valid phone number for ${where}`;
    }
}

// libphonenumber-js builds a RegExp from each pattern on every call, which costs most of the time of
// a 100,000-number campaign. Here the same test (`getNumberType(...) !== undefined`, which is what
// `isValid()` is) runs with patterns compiled once, for calling codes that belong to one country and
// numbers that no national prefix rule would rewrite. Every other number goes to libphonenumber.
// It reads numbering plans through the Metadata class (public) and its accessors (not in the typings);
// test/campaign/numbers.test.ts checks both paths agree on every country's example numbers.
interface PlanAccessors {
    nationalNumberPattern(): string;
    possibleLengths(): number[] | undefined;
    nationalPrefixForParsing(): string | undefined;
    hasTypes(): boolean;
    type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface CompiledPlan {
    general: RegExp;
    prefix?: RegExp;
    types?: { pattern: RegExp; lengths?: number[] }[];
}
const TYPES = ["FIXED_LINE", "MOBILE", "PREMIUM_RATE", "TOLL_FREE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER", "UAN", "VOICEMAIL"];
const whole = (p: string) => new RegExp(`^(?:${p})$`);

let compiledPlans: Map<string, CompiledPlan> | undefined;
const slowAnswers = new Memo<boolean>(100_000);

function compilePlans(): Map<string, CompiledPlan> {
    const metadata = new Metadata(maxMetadata as MetadataJson) as Metadata & { countryCallingCodes(): Record<string, string[]>; numberingPlan: PlanAccessors };
    const plans = new Map<string, CompiledPlan>();
    for (const [cc, countries] of Object.entries(metadata.countryCallingCodes())) {
        if (countries.length !== 1) continue;
        metadata.selectNumberingPlan(countries[0] as never);
        const plan = metadata.numberingPlan;
        const prefix = plan.nationalPrefixForParsing();
        plans.set(cc, {
            general: whole(plan.nationalNumberPattern()),
            prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
            types: plan.hasTypes()
                ? TYPES.flatMap((t) => {
                      const type = plan.type(t);
                      return type?.pattern() ? [{ pattern: whole(type.pattern()), lengths: type.possibleLengths() }] : [];
                  })
                : undefined,
        });
    }
    return plans;
}

/** Whether libphonenumber (`/max` metadata) considers an E.164 number valid. */
export function isValidNumber(e164: string): boolean {
    const plans = (compiledPlans ??= compilePlans());
    for (let len = 1; len <= 3; len++) {
        const plan = plans.get(e164.slice(1, 1 + len));
        if (!plan) continue;
        const national = e164.slice(1 + len);
        if (national.length < 2 || national.length > 17 || plan.prefix?.test(national)) break;
        if (!plan.general.test(national)) return false;
        return !plan.types || plan.types.some((t) => (!t.lengths || t.lengths.includes(national.length)) && t.pattern.test(national));
    }
    // The slow path (~0.3 ms a number): its answers are kept, since the same callers come back on every task.
    return slowAnswers.get(e164, () => parsePhoneNumberFromString(e164)?.isValid() ?? false);
}
