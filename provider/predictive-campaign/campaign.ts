// The PredictiveDialingCampaign as a campaign (campaign/adapter.ts): callees and callers as declared,
// StartTime–EndTime, windows from AvailableTime (every day) in TimeZone. A campaign without
// AvailableTime dials at any hour between its start and its end, so it is judged on that whole span:
// each day of the span, in its zone, is a window of the hours the span covers that day.
import { type CampaignReading, plural, type TaskKind, taskProgressSchema } from "../../campaign/adapter";
import type { CampaignParts, Concern } from "../../campaign/model";
import { WEEKDAYS } from "../../campaign/model";
import { spanWindows } from "../../campaign/span";
import { hhmm } from "../../campaign/windows";
import { ASSUMED_TIME_ZONE } from "../callout-task/campaign";
import { readCampaignFields } from "../shared/fields";
import {
    CAMPAIGN_STATUSES,
    CampaignStatus,
    FIELD_NAMES,
    type FieldName,
    FINISHED_STATUSES,
    PLUGIN_TYPE_TOKEN,
    REPLACE_FIELDS,
    schemas,
    SECRET_FIELDS,
    TYPE_TOKEN,
    UPDATABLE_FIELDS,
    FINALITY,
} from "./schema";

const SOURCES: Partial<Record<FieldName, Concern>> = {
    callees: "callees",
    callers: "callers",
    startTime: "start",
    endTime: "end",
    timeZone: "timeZone",
    availableTime: "windows",
    retryTimes: "tries",
    retryInterval: "retryInterval",
};

/** How a span window reads in messages. */
export const SPAN_LABEL = "no availableTime: startTime–endTime";


export function readPredictiveCampaign(props: Record<string, unknown>): CampaignReading {
    const { values: v, failures, unknown } = readCampaignFields("PredictiveDialingCampaign", props, schemas().fields, SOURCES);
    if (typeof v.startTime === "number" && typeof v.endTime === "number" && v.endTime <= v.startTime) {
        failures.push({ property: "endTime", reason: "must be after startTime", concern: "end" });
        delete v.endTime;
    }
    const failed = new Set(failures.flatMap((f) => (f.concern ? [f.concern] : [])));
    const usable = (c: Concern) => !unknown.has(c) && !failed.has(c);
    const campaign: CampaignParts = { schedule: {}, attempts: {}, pace: {} };
    if (usable("callees") && v.callees) campaign.callees = v.callees;
    if (usable("callers") && v.callers) campaign.callers = v.callers;
    if (usable("start") && v.startTime !== undefined) campaign.schedule.start = v.startTime;
    if (usable("end") && v.endTime !== undefined) campaign.schedule.end = v.endTime;
    const zone: string = v.timeZone ?? ASSUMED_TIME_ZONE;
    if (usable("timeZone")) Object.assign(campaign.schedule, { timeZone: zone, timeZoneSource: v.timeZone === undefined ? "assumed" : "task" });
    if (v.availableTime?.length) {
        if (usable("windows")) campaign.schedule.windows = (v.availableTime as { start: string; end: string }[]).map((r) => ({ ...r, days: [...WEEKDAYS], label: "every day" }));
    } else if (usable("windows")) {
        // No windows: the span's, known when its start, end and zone are.
        const parts: Concern[] = ["start", "end", "timeZone"];
        if (parts.some((c) => unknown.has(c))) unknown.add("windows");
        else if (parts.some((c) => failed.has(c)) || v.startTime === undefined || v.endTime === undefined) failed.add("windows");
        else campaign.schedule.windows = spanWindows(v.startTime, v.endTime, zone, SPAN_LABEL);
    }
    // A try count or an interval refused by the schema is judged as not given (its violation is reported on its own).
    if (!unknown.has("tries")) campaign.attempts.tries = 1 + (v.retryTimes ?? 0);
    if (!unknown.has("retryInterval") && v.retryInterval !== undefined) campaign.attempts.retryInterval = v.retryInterval;
    return { campaign, failures, failed, unknown };
}

export const predictiveCampaignKind: TaskKind = {
    name: "PredictiveDialingCampaign",
    tokens: { dynamic: TYPE_TOKEN, plugin: PLUGIN_TYPE_TOKEN },
    assumedTimeZone: ASSUMED_TIME_ZONE,
    fields: {
        callees: "callees",
        callers: "callers",
        start: "startTime",
        end: "endTime",
        timeZone: "timeZone",
        windows: "availableTime (none: startTime–endTime)",
        tries: "retryTimes",
        retryInterval: "retryInterval",
        pace: "skillGroupId (its agents set the pace)",
    },
    read: readPredictiveCampaign,
    reference: {
        description:
            "A predictive dialing campaign of Tencent Cloud Contact Center (CCC, API 2020-02-10): its callees are dialed from its callers for the agents of a skill group, from startTime to endTime, inside its daily windows (availableTime) in its time zone.",
        inputs: () => schemas().inputs,
        outputs: () => schemas().state,
    },
    lifecycle: {
        inputOrder: FIELD_NAMES,
        updatable: UPDATABLE_FIELDS,
        secret: SECRET_FIELDS,
        defaults: { paused: false, redial: "unreached" },
        paused: (inputs) => inputs.paused === true,
        redialsEveryone: (inputs) => inputs.redial === "everyone",
        // [I] Delete refuses a running or paused campaign: the provider aborts it first (operations.ts).
        ending: { live: "is aborted, then deleted", finished: "has finished and is deleted, then removed from the stack" },
        // Progress as CCC counts it: finished callees (reached = dialed = finished, see progress below).
        restart: {
            spare: "unreached",
            progress: (p) => `${p.reached} of ${plural(p.total, "callee")} finished (answered or out of retries; CCC reports how many, not which)`,
            redial: (p, everyone) =>
                everyone
                    ? `\`redial: everyone\`: every callee is dialed again, including the ${plural(p.reached, "callee")} already finished`
                    : p.reached
                      ? "the replacement is refused (`redial` unset or `unreached`): CCC cannot tell which callees finished; set `redial: everyone` to call every callee again"
                      : "no callee has finished yet (`redial` unset or `unreached`): no one is dialed twice",
        },
        taskId: (outputs) => (typeof outputs.campaignId === "number" ? outputs.campaignId : undefined),
        stateName: (outputs) => (typeof outputs.statusName === "string" ? outputs.statusName : undefined),
        states: {
            all: CAMPAIGN_STATUSES,
            restarting: [CAMPAIGN_STATUSES[CampaignStatus.running], CAMPAIGN_STATUSES[CampaignStatus.paused]],
            finished: FINISHED_STATUSES.map((s) => CAMPAIGN_STATUSES[s]),
            final: FINALITY.final,
        },
        progress: (outputs) => {
            const p = schemas().progress.safeParse(outputs.progress);
            if (!p.success) return undefined;
            // CCC counts finished callees (answered, or out of retries), not which or how: the finished are
            // counted as dialed and as reached, the most a replacement could call again.
            const { callees, finishedCallees } = p.data;
            return taskProgressSchema.parse({ total: callees, dialed: finishedCallees, reached: finishedCallees, notAnswered: 0, pending: 0, outcomes: false });
        },
        updateInPlace: () => "UpdatePredictiveDialingCampaign, only while the campaign has not started; once started, the change replaces it",
        replaceReason: `CCC cannot update ${REPLACE_FIELDS.join(", ")} of a campaign, nor any field once it has started`,
        zoneNote: "not declared; CCC's default assumed",
    },
    display: (field, value) => {
        if (field === "availableTime") return (value as { start: string; end: string }[]).map((w) => `${hhmm(w.start)}–${hhmm(w.end)}`).join(", ");
        // Free text and per-callee data may be personal: say that it changed, not what it holds.
        if (field === "variables" || field === "uui" || field === "calleeAttributes") return "(not shown)";
        return undefined;
    },
};
