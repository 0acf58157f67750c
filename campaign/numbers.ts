// Callee numbers are personal data: messages, reviews and logs show them masked, by this one rule.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** Shows a number's country code and last two digits only: callee numbers are personal data. */
export function maskNumber(number: string): string {
    const compact = String(number).replace(/[\s\-().]/g, "");
    const m = /^(\+|00)?(\d*)$/.exec(compact);
    if (!m) return "<invalid number>";
    const digits = m[2];
    const parsed = m[1] ? parsePhoneNumberFromString(`+${digits}`) : undefined;
    const cc = parsed?.countryCallingCode ?? digits.slice(0, Math.min(2, digits.length));
    const rest = digits.slice(cc.length);
    const tail = rest.length > 4 ? rest.slice(-2) : "";
    return `${m[1] ? "+" : ""}${cc}${"*".repeat(Math.max(rest.length - tail.length, 0))}${tail}`;
}
