// The AICCS behaviours Alibaba does not document and the emulator models (aiccs-api.md,
// emulator/aiccs/README.md), probed through Alibaba's SDK runtime with self-cleaning calls: a
// scheduled task months ahead and an IMMEDIATE one that never gets a callee (no call can be placed),
// both stopped by the end; the rest read-only or refused.
import type Client from "@alicloud/openapi-core";
import { call, callTimes, jsonArray, type Query } from "../../emulator/aiccs/client";
import type { ProbeAnswer } from "../report";
import { attempt, FAR_AHEAD_SECONDS, type Guard, pollUntil } from "./common";

/** Keeps 64-bit ids as text (openapi-core's own parse is JSON.parse, which corrupts them). */
const bigints: { parse(text: string): any } = require("json-bigint")({ storeAsString: true });

export interface AiccsProbeTarget {
    client: Client;
    agentId: string;
    virtualNumber: string;
    marker: string;
    /** The service's now, Unix seconds. */
    now: number;
    track(taskId: string): void;
    guard: Guard;
    listWaitMs: number;
    pollMs: number;
}

/** One action's answer however it came: HTTP status, Success, Code, Message, Data. */
export interface AcsAnswer {
    status: number;
    success: boolean;
    code: string;
    message: string;
    data: any;
}

/** [D] list item Status 2: stopped. */
const STOPPED = 2;
const LIST_PAGE = 100;

export async function acs(client: Client, action: string, query: Query): Promise<AcsAnswer> {
    try {
        const body = JSON.parse(JSON.stringify(bigints.parse(await call(client, action, query, undefined, "string"))));
        return { status: 200, success: body.Success === true, code: String(body.Code ?? ""), message: String(body.Message ?? ""), data: body.Data };
    } catch (e: any) {
        if (typeof e?.statusCode !== "number") throw e;
        return { status: e.statusCode, success: false, code: String(e.code ?? ""), message: String(e.message ?? ""), data: undefined };
    }
}

/** A refusal's code, or "accepted". */
const codeOf = (a: AcsAnswer) => (a.success ? { answer: "accepted" } : { answer: a.code, detail: `HTTP ${a.status}: ${a.message}` });

/** The run's tasks as listed (TaskName matches fuzzily [D]), in listing order. */
export async function markedTasks(t: Pick<AiccsProbeTarget, "client" | "marker">): Promise<{ id: string; name: string; status: number }[]> {
    const r = await acs(t.client, "QueryAiCallTaskPage", { PageNo: 1, PageSize: LIST_PAGE, TaskName: t.marker });
    if (!r.success) throw Object.assign(new Error(`QueryAiCallTaskPage: ${r.code} ${r.message}`), { code: r.code });
    return (r.data?.List ?? []).map((x: any) => ({ id: String(x.TaskId), name: String(x.TaskName), status: Number(x.Status) }));
}

export async function probeAiccs(t: AiccsProbeTarget): Promise<ProbeAnswer[]> {
    const rows: ProbeAnswer[] = [];
    const probe = (id: string, behaviour: string, run: () => Promise<Omit<ProbeAnswer, "probe" | "behaviour">>) => attempt(rows, id, behaviour, run);
    const settings = (name: string, over: Query = {}): Query => ({
        TaskName: `${t.marker}-${name}`,
        AgentId: t.agentId,
        VirtualNumber: t.virtualNumber,
        StartType: "SCHEDULE",
        TaskStartTime: (t.now + FAR_AHEAD_SECONDS) * 1000,
        CallTime: callTimes([["09:00:00", "10:00:00"]]),
        CallDay: jsonArray("CallDay", ["MONDAY"]),
        ...over,
    });
    /** Creates (tracking whatever the service made, even where a refusal was expected). */
    const create = async (query: Query) => {
        const r = await t.guard(() => acs(t.client, "CreateAiCallTask", query));
        if (r.success) t.track(String(r.data));
        return r;
    };
    const created = async (query: Query) => {
        const r = await create(query);
        if (!r.success) throw Object.assign(new Error(`CreateAiCallTask: ${r.code} ${r.message}`), { code: r.code });
        return String(r.data);
    };
    const listedWith = (ids: string[]) => pollUntil(async () => {
        const listed = await markedTasks(t);
        return ids.every((id) => listed.some((x) => x.id === id)) && listed;
    }, t.listWaitMs, t.pollMs);

    const scheduled = await created(settings("s"));
    await probe("aiccs.list-lag", "a new task shows in QueryAiCallTaskPage", async () => {
        const seen = await listedWith([scheduled]);
        return seen.ok ? { answer: seen.tries === 1 ? "at once" : "later", detail: `listed after ${seen.tries} listing(s), ${seen.ms} ms` } : { answer: `not within ${t.listWaitMs / 1000} s` };
    });
    // No callee is ever imported into it, so nothing can be dialled; it is stopped right after.
    const immediate = await created(settings("i", { StartType: "IMMEDIATE", TaskStartTime: undefined }));
    await probe("aiccs.immediate-empty", "an IMMEDIATE task created with no callees (list Status)", async () => {
        const seen = await listedWith([immediate]);
        const item = seen.value?.find((x) => x.id === immediate);
        return item ? { answer: String(item.status) } : { answer: "not listed" };
    });
    await acs(t.client, "StopAiCallTask", { TaskId: immediate });
    await probe("aiccs.list-order", "QueryAiCallTaskPage order", async () => {
        const ids = (await listedWith([scheduled, immediate])).value?.map((x) => x.id);
        if (!ids) return { answer: "both tasks not listed" };
        return { answer: ids.indexOf(scheduled) < ids.indexOf(immediate) ? "oldest first" : "newest first" };
    });
    await probe("aiccs.paging-base", "QueryAiCallTaskPage PageNo base", async () => {
        const page = (n: number) => acs(t.client, "QueryAiCallTaskPage", { PageNo: n, PageSize: 1, TaskName: t.marker });
        const [zero, one] = [await page(0), await page(1)];
        const first = (a: AcsAnswer) => a.data?.List?.[0]?.TaskId;
        if (!zero.success) return { answer: "1-based", detail: `PageNo 0: ${zero.code}` };
        if (first(zero) === undefined || first(zero) === first(one)) return { answer: "1-based", detail: "PageNo 0 reads as 1, or is empty" };
        return { answer: "0-based" };
    });
    const unknown = await acs(t.client, "QueryAiCallTaskDetail", { TaskId: "999999999999999999" });
    await probe("aiccs.refusal-status", "how a business refusal (unknown TaskId) arrives", async () => ({
        answer: unknown.status === 200 ? (unknown.success ? "HTTP 200, Success true" : "HTTP 200, Success false") : `HTTP ${unknown.status}`,
    }));
    await probe("aiccs.unknown-task", "QueryAiCallTaskDetail of an unknown TaskId", async () => codeOf(unknown));
    await probe("aiccs.invalid-value", "CreateAiCallTask with CallRetryTimes 9 (limit 3)", async () => codeOf(await create(settings("bad", { CallRetryTimes: 9 }))));
    await probe("aiccs.duplicate-name", "CreateAiCallTask with a TaskName taken", async () => codeOf(await create(settings("s"))));
    await probe("aiccs.stop-scheduled", "Stop of a SCHEDULE task before its start", async () => codeOf(await acs(t.client, "StopAiCallTask", { TaskId: scheduled })));
    await probe("aiccs.stop-stopped", "Stop of a stopped task", async () => codeOf(await acs(t.client, "StopAiCallTask", { TaskId: immediate })));
    return rows;
}

/** The cleanup's sweep: stops the tracked tasks and any listed one named with the marker, unless already stopped. */
export async function stopAiccsTasks(t: Pick<AiccsProbeTarget, "client" | "marker">, tracked: Iterable<string>): Promise<number> {
    const status = new Map<string, number>();
    for (const x of await markedTasks(t)) status.set(x.id, x.status);
    for (const id of tracked) if (!status.has(id)) status.set(id, -1);
    let stopped = 0;
    for (const [id, s] of status) {
        if (s === STOPPED) continue;
        const r = await acs(t.client, "StopAiCallTask", { TaskId: id });
        if (r.success) stopped++;
    }
    return stopped;
}
