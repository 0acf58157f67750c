// Wire handlers: each action's documented limits, then the model, then the answer in the shape the
// SDK's response models give (aiccs-20191015 *ResponseBody): Data, with ids as the service writes
// them, JSON numbers in CreateAiCallTask, ImportTaskNumberDatas and ImportOneTaskPhoneNumber, text elsewhere.
import type { Handled, Listing } from "../core/service";
import { acsErrors } from "./errors";
import { type CalleeRecord, DetailStatus, detailStatus, isCancelled, type Model, STATUS_FILTER, type TaskRecord } from "./model";
import { type Action, own, type ParamsOf, readParams, type TaskSettings } from "./params";

const START_TYPES = ["IMMEDIATE", "SCHEDULE"];
const DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const RETRY_REASONS = ["CALL_REJECTED", "USER_BUSY", "SUSPEND", "INVALID_NUMBER", "POWERED_OFF", "NETWORK_BUSY", "NO_ANSWER"];
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
/** [D] limits. */
const MAX_RETRY_TIMES = 3;
const MAX_RETRY_INTERVAL = { create: 720, update: 120 };
const MAX_CPS = 500;
const MAX_IMPORT = 1000;
const MAX_OUT_ID = 128;
/** [I] a TaskStartTime below this is seconds, not milliseconds (it would be January 1970). */
const MIN_MILLISECONDS = 1e11;
/** [I] paging: 1-based, 10 a page by default, at most 100. */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
/** [D] QueryAiCallDetailPage's Status filter: 0 pending, 1 completed, 2 failed. */
const DETAIL_FILTER: Record<number, number[]> = {
    0: [DetailStatus.Initializing, DetailStatus.Waiting, DetailStatus.Retrying, DetailStatus.Calling],
    1: [DetailStatus.Ended],
    2: [DetailStatus.Failed],
};

const invalid = acsErrors.invalidValue;

function range(name: string, value: number | undefined, min: number, max: number): void {
    if (value !== undefined && (value < min || value > max)) throw invalid(`${name}: ${value} is out of range [${min}, ${max}].`);
}

function oneOf(name: string, value: string, allowed: string[]): void {
    if (!allowed.includes(value)) throw invalid(`${name}: "${value}" is not one of ${allowed.join(", ")}.`);
}

/** The documented limits on a task's settings; `kind` picks the retry interval's limit. */
function checkSettings(s: Partial<TaskSettings>, kind: keyof typeof MAX_RETRY_INTERVAL): void {
    if (s.TaskName !== undefined && !s.TaskName.trim()) throw invalid("TaskName: must not be empty.");
    if (s.StartType !== undefined) oneOf("StartType", s.StartType, START_TYPES);
    if (s.StartType === "SCHEDULE" && s.TaskStartTime === undefined) throw invalid("TaskStartTime: required when StartType is SCHEDULE.");
    if (s.TaskStartTime !== undefined && s.TaskStartTime < MIN_MILLISECONDS) throw invalid(`TaskStartTime: ${s.TaskStartTime} is not a timestamp in milliseconds.`);
    if (s.CallTime && !s.CallTime.length) throw invalid("CallTime: the list is empty.");
    s.CallTime?.forEach((w, i) => {
        for (const f of ["startTime", "endTime"] as const) if (!TIME.test(w[f])) throw invalid(`CallTime.${i}.${f}: "${w[f]}" is not a time in HH:mm:ss.`);
        if (w.startTime >= w.endTime) throw invalid(`CallTime.${i}: startTime must be earlier than endTime.`);
    });
    if (s.CallDay && !s.CallDay.length) throw invalid("CallDay: the list is empty.");
    s.CallDay?.forEach((d) => oneOf("CallDay", d, DAYS));
    if (s.CallDay && new Set(s.CallDay).size !== s.CallDay.length) throw invalid("CallDay: a day is listed twice.");
    s.CallRetryReason?.forEach((r) => oneOf("CallRetryReason", r, RETRY_REASONS));
    range("CallRetryTimes", s.CallRetryTimes, 0, MAX_RETRY_TIMES);
    range("CallRetryInterval", s.CallRetryInterval, 1, MAX_RETRY_INTERVAL[kind]);
    range("TaskCps", s.TaskCps, 1, MAX_CPS);
}

function page<T>(items: T[], p: { PageNo?: number; PageSize?: number }) {
    const pageNo = p.PageNo ?? 1;
    const pageSize = p.PageSize ?? DEFAULT_PAGE_SIZE;
    range("PageNo", pageNo, 1, Number.MAX_SAFE_INTEGER);
    range("PageSize", pageSize, 1, MAX_PAGE_SIZE);
    return { List: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), PageNo: pageNo, PageSize: pageSize, Total: items.length };
}

/** QueryAiCallTaskDetail's Data: the read API's names for the write fields [D]. No status [D]. */
function detail(t: TaskRecord) {
    const s = t.settings;
    return {
        TaskId: t.taskId,
        TaskName: s.TaskName,
        AgentId: s.AgentId,
        AgentName: s.AgentId,
        ApplicationCode: s.ApplicationCode,
        StartType: s.StartType,
        StartTime: s.TaskStartTime,
        RealStartTime: t.realStartAt,
        CallerNumber: s.VirtualNumber,
        LinePhoneNum: s.LinePhoneNum,
        LineEncoding: s.LineEncoding,
        PhoneType: s.PhoneType,
        CallTimes: s.CallTime.map((w) => ({ StartTime: w.startTime, EndTime: w.endTime })),
        CallDays: s.CallDay,
        RetryEnable: s.MissCallRetry ?? false,
        RetryCount: s.CallRetryTimes,
        RetryInterval: s.CallRetryInterval,
        RetryReasons: s.CallRetryReason ?? [],
        ConcurrentCount: s.TaskCps,
    };
}

function listItem(t: TaskRecord) {
    const statuses = t.callees.map((c) => detailStatus(t, c));
    const count = (status: number) => statuses.filter((x) => x === status).length;
    return {
        TaskId: t.taskId,
        TaskName: t.settings.TaskName,
        AgentId: t.settings.AgentId,
        AgentName: t.settings.AgentId,
        Status: t.status,
        StartFailedReason: t.startFailedReason,
        CreateTime: t.createdAt,
        StartTime: t.settings.TaskStartTime,
        RealStartTime: t.realStartAt,
        ConcurrentCount: t.settings.TaskCps,
        TotalCount: t.callees.length,
        CallingCount: count(DetailStatus.Calling),
        SucceedCount: count(DetailStatus.Ended),
        FailedCount: count(DetailStatus.Failed),
    };
}

function detailRecord(t: TaskRecord, c: CalleeRecord) {
    const status = detailStatus(t, c);
    return {
        DetailId: c.detailId,
        TaskId: t.taskId,
        BatchId: c.batchId,
        CalledNumber: c.calledNumber,
        OutId: c.outId,
        Status: status,
        CallResult: status === DetailStatus.Ended ? "用户接通" : undefined,
        FailedReason: isCancelled(c) ? "已取消" : status === DetailStatus.Failed ? "无人接听" : undefined,
        ImportedTime: c.importedAt,
        CallingTime: c.callingAt,
    };
}

/** One callee of an import: {calleeNumber, outId, <variable>: value…} [D per the notes]; `names`: the fields as the request names them. */
function callee(item: Record<string, unknown>, names: { number: string; outId: string }) {
    const { calleeNumber, outId, ...variables } = item;
    if (typeof calleeNumber !== "string" || !/^\+?\d{3,20}$/.test(calleeNumber)) throw invalid(`${names.number}: "${String(calleeNumber ?? "")}" is not a phone number.`);
    if (outId !== undefined && (typeof outId !== "string" || outId.length > MAX_OUT_ID)) throw invalid(`${names.outId}: must be text of at most ${MAX_OUT_ID} characters.`);
    return { calledNumber: calleeNumber, outId: outId as string | undefined, variables };
}

type Run<A extends Action> = (model: Model, listing: Listing, req: ParamsOf<A>) => Handled;

interface Handler<A extends Action> {
    writes: boolean;
    run: Run<A>;
}

const answered = (taskId: string): Handled => ({ response: true, taskId });

const HANDLERS: { [A in Action]: Handler<A> } = {
    CreateAiCallTask: {
        writes: true,
        run(model, listing, req) {
            const settings = own(req);
            checkSettings(settings, "create");
            const t = model.create(settings);
            listing.created(t.taskId);
            return { response: BigInt(t.taskId), taskId: t.taskId };
        },
    },
    UpdateAiCallTask: {
        writes: true,
        run(model, _listing, req) {
            const { TaskId, ...change } = own(req);
            const current = model.find(TaskId).settings;
            checkSettings(change, "update");
            // SCHEDULE needs a start time, given now or kept from before.
            checkSettings({ StartType: change.StartType ?? current.StartType, TaskStartTime: change.TaskStartTime ?? current.TaskStartTime }, "update");
            model.update(TaskId, change);
            return answered(TaskId);
        },
    },
    QueryAiCallTaskDetail: { writes: false, run: (model, _l, req) => ({ response: detail(model.find(req.TaskId)), taskId: req.TaskId }) },
    QueryAiCallTaskPage: {
        writes: false,
        run(model, listing, req) {
            const status = req.Status === undefined ? undefined : STATUS_FILTER[req.Status];
            if (req.Status !== undefined && status === undefined) throw invalid(`Status: "${req.Status}" is not one of ${Object.keys(STATUS_FILTER).join(", ")}.`);
            // [D] TaskName matches fuzzily (as a substring [I]); newest first [I].
            const tasks = model
                .tasks()
                .filter((t) => listing.listable(t.taskId))
                .filter((t) => (status === undefined || t.status === status) && (!req.TaskName || t.settings.TaskName.includes(req.TaskName)) && (!req.TaskId || t.taskId === req.TaskId) && (!req.AgentName || t.settings.AgentId.includes(req.AgentName)))
                .reverse();
            const result = page(tasks, req);
            listing.listed();
            return { response: { ...result, List: result.List.map(listItem) } };
        },
    },
    StartAiCallTask: {
        writes: true,
        run(model, _l, req) {
            model.start(req.TaskId);
            return answered(req.TaskId);
        },
    },
    StopAiCallTask: {
        writes: true,
        run(model, _l, req) {
            model.stop(req.TaskId);
            return answered(req.TaskId);
        },
    },
    ImportTaskNumberDatas: {
        writes: true,
        run(model, _l, req) {
            model.find(req.TaskId);
            oneOf("DataType", req.DataType, ["JSON"]);
            const list = req.PhoneNumberList ?? [];
            if (!list.length) throw invalid("PhoneNumberList: required, and not empty, when DataType is JSON.");
            range("PhoneNumberList length", list.length, 1, MAX_IMPORT);
            const callees = list.map((item, i) => callee(item, { number: `PhoneNumberList.${i}.calleeNumber`, outId: `PhoneNumberList.${i}.outId` }));
            return { response: BigInt(model.importBatch(req.TaskId, callees)), taskId: req.TaskId };
        },
    },
    ImportOneTaskPhoneNumber: {
        writes: true,
        run(model, _l, req) {
            model.find(req.TaskId);
            const one = callee({ ...(req.Variables ?? {}), calleeNumber: req.PhoneNumber, outId: req.OutId }, { number: "PhoneNumber", outId: "OutId" });
            return { response: { DetailId: BigInt(model.importOne(req.TaskId, one).detailId) }, taskId: req.TaskId };
        },
    },
    QueryAiCallDetailPage: {
        writes: false,
        run(model, _l, req) {
            const t = model.find(req.TaskId);
            const statuses = DETAIL_FILTER[req.Status];
            if (!statuses) throw invalid(`Status: ${req.Status} is not one of 0 (pending), 1 (completed), 2 (failed).`);
            const ids = req.DetailIds?.map(String);
            const records = t.callees
                .filter((c) => statuses.includes(detailStatus(t, c)))
                .filter((c) => (!req.BatchId || c.batchId === req.BatchId) && (!req.CalledNumber || c.calledNumber === req.CalledNumber) && (req.OutId === undefined || c.outId === req.OutId) && (!ids || ids.includes(c.detailId)));
            const result = page(records, req);
            return { response: { ...result, List: result.List.map((c) => detailRecord(t, c)) }, taskId: req.TaskId };
        },
    },
    CancelAiCallDetails: {
        writes: true,
        run(model, _l, req) {
            const t = model.find(req.TaskId);
            if (!req.DetailIdList?.length && !req.BatchId) throw invalid("DetailIdList, BatchId: give one of them.");
            const ids = req.DetailIdList?.length ? req.DetailIdList : t.callees.filter((c) => c.batchId === req.BatchId && (!req.PhoneNumbers || req.PhoneNumbers.includes(c.calledNumber))).map((c) => c.detailId);
            const failed = model.cancel(req.TaskId, ids);
            const failedCount = Object.keys(failed).length;
            return { response: { TotalCount: ids.length, SucceedCount: ids.length - failedCount, FailedCount: failedCount, FailedDetails: failed, ResultCode: failedCount ? "PARTIAL" : "SUCCESS" }, taskId: req.TaskId };
        },
    },
};

export { isAction } from "./params";
export const writes = (action: Action): boolean => HANDLERS[action].writes;

/** Reads, checks and performs one action. Throws AcsError. */
export function handle(model: Model, listing: Listing, action: Action, params: Record<string, string>): Handled {
    const handler = HANDLERS[action] as Handler<Action>;
    return handler.run(model, listing, readParams(action, params));
}
