// The CCC behaviours Tencent does not document and the emulator models (ccc-api.md, emulator/ccc/README.md),
// probed through the official SDK with self-cleaning calls: two tasks for the maintainer's own number,
// starting months from now (no call can be placed), both stopped by the end; the rest read-only.
import type { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type { ProbeAnswer } from "../report";
import { attempt, FAR_AHEAD_SECONDS, type Guard, type Outcome, outcome, pollUntil } from "./common";

export interface CccProbeTarget {
    sdk: SdkClient;
    sdkAppId: number;
    callee: string;
    caller: string;
    ivrId: number;
    /** Starts every task name of this run (the cleanup's sweep finds them by it). */
    marker: string;
    /** The service's now, Unix seconds. */
    now: number;
    /** Called with each task id as soon as it exists. */
    track(taskId: number): void;
    guard: Guard;
    /** How long to wait for a new task to be listed, and between listings. */
    listWaitMs: number;
    pollMs: number;
}

/** A listing page; the scan reads one page past TotalCount, so it covers a 0- or 1-based PageNumber. */
const PAGE_SIZE = 100;
/** At most this many pages are scanned for a task (an account with more tasks reports "not found"). */
const MAX_PAGES = 20;
/** [D] Task states: initial (waiting for NotBefore); those Stop accepts (initial, running, paused), what the cleanup stops. */
const INITIAL = 0;
export const STOPPABLE = [INITIAL, 1, 5];

/** The ids of every listed task, in listing order (each page a listing call). */
export async function listedIds(t: Pick<CccProbeTarget, "sdk" | "sdkAppId">): Promise<{ id: number; name: string; state: number }[]> {
    const out: { id: number; name: string; state: number }[] = [];
    const seen = new Set<number>();
    for (let page = 0, pages = 1; page <= pages && page < MAX_PAGES; page++) {
        const r = await t.sdk.DescribeAutoCalloutTasks({ SdkAppId: t.sdkAppId, PageSize: PAGE_SIZE, PageNumber: page });
        pages = Math.ceil((r.TotalCount ?? 0) / PAGE_SIZE);
        for (const task of r.Tasks ?? []) {
            if (task.TaskId === undefined || seen.has(task.TaskId)) continue;
            seen.add(task.TaskId);
            out.push({ id: task.TaskId, name: task.Name ?? "", state: task.State ?? -1 });
        }
    }
    return out;
}

export async function probeCcc(t: CccProbeTarget): Promise<ProbeAnswer[]> {
    const rows: ProbeAnswer[] = [];
    const task = (suffix: string) => ({ SdkAppId: t.sdkAppId, Name: `${t.marker}-${suffix}`, NotBefore: t.now + FAR_AHEAD_SECONDS, Callees: [t.callee], Callers: [t.caller], IvrId: t.ivrId });
    const ref = (TaskId: number) => ({ SdkAppId: t.sdkAppId, TaskId });
    const create = async (suffix: string) => {
        const { TaskId } = await t.guard(() => t.sdk.CreateAutoCalloutTask(task(suffix)));
        if (TaskId === undefined) throw new Error("CreateAutoCalloutTask answered no TaskId");
        t.track(TaskId);
        // Nothing may dial: a task that is not waiting for its NotBefore is stopped at once, and the probes end.
        const { State } = await t.sdk.DescribeAutoCalloutTask(ref(TaskId));
        if (State !== INITIAL) {
            await t.sdk.StopAutoCalloutTask(ref(TaskId));
            throw new Error(`task ${TaskId} reported State ${State} right after its creation, not ${INITIAL} (waiting for NotBefore): stopped it, and stopped probing`);
        }
        return TaskId;
    };
    const probe = (id: string, behaviour: string, run: () => Promise<Omit<ProbeAnswer, "probe" | "behaviour">>) => attempt(rows, id, behaviour, run);

    const a = await create("a");
    await probe("ccc.list-lag", "a new task shows in DescribeAutoCalloutTasks", async () => {
        const seen = await pollUntil(async () => (await listedIds(t)).some((x) => x.id === a), t.listWaitMs, t.pollMs);
        return seen.ok ? { answer: seen.tries === 1 ? "at once" : "later", detail: `listed after ${seen.tries} listing(s), ${seen.ms} ms` } : { answer: `not within ${t.listWaitMs / 1000} s` };
    });
    const b = await create("b");
    await probe("ccc.list-order", "DescribeAutoCalloutTasks order", async () => {
        const ids = (await pollUntil(async () => {
            const listed = (await listedIds(t)).map((x) => x.id);
            return listed.includes(a) && listed.includes(b) ? listed : undefined;
        }, t.listWaitMs, t.pollMs)).value;
        if (!ids) return { answer: "both tasks not listed" };
        return { answer: ids.indexOf(a) < ids.indexOf(b) ? "oldest first" : "newest first" };
    });
    await probe("ccc.paging-base", "DescribeAutoCalloutTasks PageNumber base", async () => {
        const page = async (n: number) => outcome(t.sdk.DescribeAutoCalloutTasks({ SdkAppId: t.sdkAppId, PageSize: 1, PageNumber: n }));
        const [zero, one] = [await page(0), await page(1)];
        if (!zero.ok) return { answer: "1-based", detail: `PageNumber 0: ${zero.code}` };
        const first = (o: Outcome) => (o.ok ? (o.value as { Tasks?: { TaskId?: number }[] }).Tasks?.[0]?.TaskId : undefined);
        if (first(zero) === undefined) return { answer: "1-based", detail: "PageNumber 0 is empty" };
        return first(zero) === first(one) ? { answer: "1-based", detail: "PageNumber 0 reads as 1" } : { answer: "0-based" };
    });
    await probe("ccc.resume-initial", "Resume of a task not paused (initial)", async () => errorOf(t.sdk.ResumeAutoCalloutTask(ref(a))));
    await probe("ccc.pause-initial", "Pause of a task not yet started (initial)", async () => errorOf(t.sdk.PauseAutoCalloutTask(ref(a))));
    await probe("ccc.pause-paused", "Pause of a paused task", async () => errorOf(t.sdk.PauseAutoCalloutTask(ref(a))));
    await t.sdk.StopAutoCalloutTask(ref(a));
    await probe("ccc.stopped-state", "the State a stopped task reports", async () => {
        const d = await t.sdk.DescribeAutoCalloutTask(ref(a));
        return { answer: String(d.State) };
    });
    await probe("ccc.stop-stopped", "Stop of a stopped task", async () => errorOf(t.sdk.StopAutoCalloutTask(ref(a))));
    await probe("ccc.pause-stopped", "Pause of a stopped task", async () => errorOf(t.sdk.PauseAutoCalloutTask(ref(a))));
    await probe("ccc.resume-stopped", "Resume of a stopped task", async () => errorOf(t.sdk.ResumeAutoCalloutTask(ref(a))));
    await t.sdk.StopAutoCalloutTask(ref(b));
    // An id well past this run's: no task of the account has it (checked before Stop is tried on it).
    const unknown = Math.max(a, b) + 10_000_000;
    let unknownDescribed = false;
    await probe("ccc.unknown-task", "DescribeAutoCalloutTask of an unknown TaskId", async () => {
        const o = await outcome(t.sdk.DescribeAutoCalloutTask(ref(unknown)));
        unknownDescribed = o.ok;
        return o.ok ? { answer: "accepted", detail: `TaskId ${unknown} exists` } : { answer: o.code, detail: o.message };
    });
    await probe("ccc.unknown-task-stop", "StopAutoCalloutTask of an unknown TaskId", async () => {
        if (unknownDescribed) return { answer: "not tried", detail: `TaskId ${unknown} exists: not stopped` };
        return errorOf(t.sdk.StopAutoCalloutTask(ref(unknown)));
    });
    return rows;
}

async function errorOf(p: Promise<unknown>): Promise<{ answer: string; detail?: string }> {
    const o = await outcome(p);
    return o.ok ? { answer: "accepted" } : { answer: o.code, detail: o.message };
}

/** The cleanup's sweep: stops the tracked tasks and any listed one named with the marker, if Stop accepts its state. */
export async function stopCccTasks(t: Pick<CccProbeTarget, "sdk" | "sdkAppId" | "marker">, tracked: Iterable<number>): Promise<number> {
    const states = new Map<number, number>();
    for (const x of await listedIds(t)) if (x.name.startsWith(t.marker)) states.set(x.id, x.state);
    for (const id of tracked) if (!states.has(id)) states.set(id, (await t.sdk.DescribeAutoCalloutTask({ SdkAppId: t.sdkAppId, TaskId: id })).State ?? -1);
    let stopped = 0;
    for (const [id, state] of states) {
        if (!STOPPABLE.includes(state)) continue;
        await t.sdk.StopAutoCalloutTask({ SdkAppId: t.sdkAppId, TaskId: id });
        stopped++;
    }
    return stopped;
}
