// The AgentCruiseDialingCampaign as a campaign (campaign/adapter.ts). [D] It has no call windows and no
// zone: CCC starts it at StartTime and terminates it at EndTime, so it is judged on that whole span
// (campaign/span.ts), shown in China time. One attempt per callee [I], ConcurrencyNumber calls at once.
// Each input is read on its own, so one bad field hides only the campaign part it holds.
import { type CampaignReading, plural, type TaskKind, taskProgressSchema } from "../../campaign/adapter";
import type { CampaignParts, Concern } from "../../campaign/model";
import { spanWindows } from "../../campaign/span";
import { readCampaignFields } from "../shared/fields";
import { CAMPAIGN_STATES, CampaignState, FIELD_NAMES, type FieldName, fieldSchemas, FINALITY, FINISHED_STATES, PLUGIN_TYPE_TOKEN, SECRET_FIELDS, stateSchema, TYPE_TOKEN, UPDATABLE_FIELDS } from "./schema";
import { z } from "zod";

/** The zone the span is shown and judged in: CCC's, in China (the instants themselves carry no zone). */
export const SPAN_TIME_ZONE = "Asia/Shanghai";
/** [I] One attempt per callee: the action takes no retry setting. */
const TRIES = 1;

const SOURCES: Partial<Record<FieldName, Concern>> = {
    callees: "callees",
    callers: "callers",
    startTime: "start",
    endTime: "end",
    concurrencyNumber: "pace",
};

export function readAgentCruiseCampaign(props: Record<string, unknown>): CampaignReading {
    const { values: v, failures, unknown } = readCampaignFields("AgentCruiseDialingCampaign", props, fieldSchemas, SOURCES);
    if (v.startTime !== undefined && v.endTime !== undefined && v.endTime <= v.startTime) {
        failures.push({ property: "endTime", reason: "must be after startTime", concern: "end" });
        delete v.endTime;
    }
    // The windows are the span: known and valid when both ends are.
    if (unknown.has("start") || unknown.has("end")) unknown.add("windows");
    const failed = new Set(failures.flatMap((f) => (f.concern ? [f.concern] : [])));
    if (failed.has("start") || failed.has("end")) failed.add("windows");
    const usable = (c: Concern) => !unknown.has(c) && !failed.has(c);
    const campaign: CampaignParts = { schedule: { timeZone: SPAN_TIME_ZONE, timeZoneSource: "setting" }, attempts: { tries: TRIES, retryInterval: 0 }, pace: {} };
    if (usable("callees") && v.callees) campaign.callees = v.callees;
    if (usable("callers") && v.callers) campaign.callers = v.callers;
    if (usable("start") && v.startTime !== undefined) campaign.schedule.start = v.startTime;
    if (usable("end") && v.endTime !== undefined) campaign.schedule.end = v.endTime;
    if (usable("windows") && v.startTime !== undefined && v.endTime !== undefined) campaign.schedule.windows = spanWindows(v.startTime, v.endTime, SPAN_TIME_ZONE, "startTime–endTime span");
    if (usable("pace") && v.concurrencyNumber !== undefined) campaign.pace.concurrency = v.concurrencyNumber;
    return { campaign, failures, failed, unknown };
}

export const agentCruiseCampaignKind: TaskKind = {
    name: "AgentCruiseDialingCampaign",
    tokens: { dynamic: TYPE_TOKEN, plugin: PLUGIN_TYPE_TOKEN },
    assumedTimeZone: SPAN_TIME_ZONE,
    fields: {
        callees: "callees",
        callers: "callers",
        start: "startTime",
        end: "endTime",
        timeZone: `the zone its span is judged in (${SPAN_TIME_ZONE}; an agent cruise campaign has none)`,
        windows: "startTime and endTime (an agent cruise campaign has no call windows: it dials at any time between them)",
        tries: "tries (an agent cruise campaign calls each callee once)",
        retryInterval: "a retry interval (an agent cruise campaign does not retry)",
        pace: "concurrencyNumber",
    },
    read: readAgentCruiseCampaign,
    reference: {
        description:
            "An agent cruise dialing campaign of Tencent Cloud Contact Center (CCC, API 2020-02-10): CCC dials its callees for one agent, concurrencyNumber calls at a time, at any time from startTime to endTime (it has no call windows). CCC cannot update, pause or delete one (there is no such action): every change replaces it, the old campaign aborted first.",
        inputs: () => z.object(fieldSchemas),
        outputs: stateSchema,
    },
    lifecycle: {
        inputOrder: FIELD_NAMES,
        updatable: UPDATABLE_FIELDS,
        secret: SECRET_FIELDS,
        defaults: { redial: "uncalled" },
        // [D] No pause action.
        paused: () => false,
        redialsEveryone: (inputs) => inputs.redial === "everyone",
        // [D] There is no delete action: an aborted or finished campaign stays in CCC.
        ending: { live: "is aborted (CCC cannot delete it)", finished: "has finished and is removed from the stack (CCC cannot delete it)" },
        // CCC reports how many were called, not how the calls went (progress below: reached = dialed = called).
        restart: {
            spare: "uncalled",
            progress: (p) => `${p.dialed} of ${plural(p.total, "callee")} called (CCC reports no call outcomes)`,
            redial: (p, everyone) =>
                everyone
                    ? `\`redial: everyone\`: every callee is dialed again, including the ${plural(p.dialed, "callee")} already called`
                    : `called callees are not dialed again (\`redial\` unset or \`uncalled\`, with \`callOrder: 1\`; in random order everyone is): up to ${plural(p.dialed, "callee")} skipped; set \`redial: everyone\` to call them again`,
        },
        taskId: (outputs) => (typeof outputs.campaignId === "number" ? outputs.campaignId : undefined),
        stateName: (outputs) => (typeof outputs.stateName === "string" ? outputs.stateName : undefined),
        states: { all: CAMPAIGN_STATES, restarting: [CAMPAIGN_STATES[CampaignState.running]], finished: FINISHED_STATES.map((s) => CAMPAIGN_STATES[s]), final: FINALITY.final },
        progress: (outputs) => {
            const p = outputs.progress as { total?: unknown; called?: unknown } | undefined;
            if (typeof p?.total !== "number" || typeof p.called !== "number") return undefined;
            // CCC reports only how many were called: those are what a replacement leaves out (its "reached"); outcomes are not reported.
            return taskProgressSchema.parse({ total: p.total, dialed: p.called, reached: p.called, notAnswered: 0, pending: 0, outcomes: false });
        },
        replaceReason: "CCC has no update action for agent cruise campaigns",
        zoneNote: `an agent cruise campaign has no zone: its span is shown in ${SPAN_TIME_ZONE}`,
    },
    display: (field, value) => (field === "uui" ? "(not shown)" : field === "callOrder" ? (value === 1 ? "in order" : "random") : undefined),
};
