// What the workflow tests share: a campaign ahead of any clock they run on.
import { campaign } from "./provider-harness";

/** A campaign in March 2027 (the harness's default starts 2027-11-30). */
export const spring = (overrides: Record<string, unknown> = {}) =>
    campaign({ notBefore: "2027-03-01T09:00:00+08:00", notAfter: "2027-03-04T20:00:00+08:00", ...overrides });
