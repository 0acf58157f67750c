// JSON-schema pieces shared by the policies' configSchema.
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { WEEKDAYS } from "../campaign/model";

export const hourRangeSchema: PolicyConfigJSONSchema = {
    type: "object",
    properties: {
        start: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
        end: { type: "string", pattern: "^([01]\\d|2[0-4]):[0-5]\\d$" },
    },
    required: ["start", "end"],
};

export const weekdaysSchema: PolicyConfigJSONSchema = { type: "array", items: { type: "string", enum: [...WEEKDAYS] } };

export const stringListSchema: PolicyConfigJSONSchema = { type: "array", items: { type: "string" } };
