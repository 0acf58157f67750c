import { strict as assert } from "assert";
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import examples from "libphonenumber-js/examples.mobile.json";
import { isValidNumber, maskNumber, readNumber } from "../../campaign/numbers";

describe("Phone numbers", () => {
    it("judges validity as libphonenumber does, for every country's example number and its near misses", () => {
        const disagreements: string[] = [];
        let valid = 0;
        for (const [country, national] of Object.entries(examples)) {
            const cc = getCountryCallingCode(country as CountryCode);
            const variants = [national, national.slice(0, -1), `${national}0`, `${national}00`, ...[..."0123456789"].flatMap((d) => [`${d}${national.slice(1)}`, `${national.slice(0, -1)}${d}`, `${national.slice(0, 2)}${d}${national.slice(3)}`])];
            for (const v of variants) {
                const e164 = `+${cc}${v}`;
                const expected = parsePhoneNumberFromString(e164)?.isValid() ?? false;
                if (expected) valid++;
                if (isValidNumber(e164) !== expected) disagreements.push(`${country} ${e164}: libphonenumber ${expected}`);
            }
        }
        assert.deepEqual(disagreements, []);
        assert.ok(valid > 245, `only ${valid} valid numbers among the variants: the comparison says little`);
    });

    it("reads +, 00, separators and full-width forms to the same E.164 number", () => {
        for (const written of ["+8613012345678", "008613012345678", "+86 130-1234-5678", "(+86) 130.1234.5678", "＋８６１３０１２３４５６７８", "００８６　１３０　１２３４　５６７８"]) {
            assert.deepEqual(readNumber(written), { ok: true, e164: "+8613012345678" }, written);
        }
    });

    it("says what is wrong without showing the number", () => {
        const cases: [unknown, string][] = [
            ["13012345678", "13*******78 must start with a country code, as +86… (E.164) or 0086… (Tencent's format)"],
            ["+86130123", "+86****23 is too short for +86 (CN)"],
            ["+861301234567890", "+86***********90 is too long for +86 (CN)"],
            ["+86 130 1234 567８x", '+86*********78 contains "x" (U+0078): only digits 0-9, a leading + and the separators space - ( ) . are allowed'],
            [8613012345678, 'is a number, not text (+86*********78); an unquoted 00… or +… loses its prefix in YAML: write it in quotes, as "0086…" or "+86…"'],
            [null, 'must be a phone number in quotes, as "+86…" or "0086…" (got null)'],
        ];
        for (const [written, reason] of cases) assert.deepEqual(readNumber(written), { ok: false, reason }, String(written));
    });

    it("masks numbers to country code and last two digits", () => {
        assert.equal(maskNumber("+8613012345678"), "+86*********78");
        assert.equal(maskNumber("0012125550123"), "+1********23");
    });
});
