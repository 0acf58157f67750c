// What CCC's three outbound families share: callee records on the core's dialer, and the calling
// windows read in a time zone (auto callout tasks and predictive campaigns take the same fields).
import { DateTime } from "luxon";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { Dialer, type Line } from "../core/dialer";

export const CalleeState = { Initial: 0, Answered: 1, NotAnswered: 2, Calling: 3, AwaitingRetry: 4 } as const;

export interface CalleeRecord extends Line<number> {
    callee: string;
    sessions: string[];
}

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** The window fields a campaign may carry (predictive campaigns have no AvailableWorkTimeConfig). */
export type Window = Pick<models.CreateAutoCalloutTaskRequest, "TimeZone" | "AvailableTime" | "AvailableWorkTimeConfig">;

export const dialer = new Dialer<number, CalleeRecord>(
    { waiting: CalleeState.Initial, calling: CalleeState.Calling, retrying: CalleeState.AwaitingRetry, answered: CalleeState.Answered, unanswered: CalleeState.NotAnswered },
    (c) => c.callee,
);

function inRanges(ranges: models.TimeRange[] | undefined, hhmmss: string): boolean {
    return (ranges ?? []).some((r) => (r.StartTime ?? "") <= hhmmss && hhmmss < (r.EndTime ?? ""));
}

/** Whether the task may dial at model time `t`, in its own time zone. */
export function inCallWindow(req: Window, t: number): boolean {
    const local = DateTime.fromSeconds(t, { zone: req.TimeZone || DEFAULT_TIME_ZONE });
    const hhmmss = local.toFormat("HH:mm:ss");
    if (req.AvailableTime?.length) return inRanges(req.AvailableTime, hhmmss);
    if (!req.AvailableWorkTimeConfig?.length) return true;
    const weekday = local.setLocale("en-US").toFormat("cccc");
    return req.AvailableWorkTimeConfig.some((c) => {
        const day =
            c.DayType === "Custom" ? (c.DaysOfWeek ?? []).includes(weekday)
            : c.DayType === "BusinessDay" ? local.weekday <= 5
            : c.DayType === "Holiday" ? local.weekday > 5
            : true;
        return day && inRanges(c.TimeRanges, hhmmss);
    });
}

