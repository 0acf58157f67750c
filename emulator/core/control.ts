// The control plane, beside the APIs under /_emulator/: reset and clock for the whole emulator; faults,
// answers and the request log per vendor, at /_emulator/<vendor>/… (the default vendor's also at
// /_emulator/…, as before there was more than one); and each vendor's own routes (its tasks, its
// console). For tests and demos on loopback only. It knows the emulator only through these interfaces.
import type { ClockMode } from "./clock";

export interface ControlAnswer {
    status: number;
    body: unknown;
}

/** What the control plane can do with one vendor. */
export interface VendorControls {
    /** Throws a TypeError for an unknown fault kind or a malformed rule. */
    setFaults(f: unknown): void;
    faults(): unknown;
    /** Throws a TypeError when malformed. */
    setAnswers(a: unknown): void;
    answers(): unknown;
    requestLog(): unknown[];
    /** The vendor's own routes; undefined when `path` is none of them. */
    route(method: string, path: string, input: any): ControlAnswer | undefined;
}

/** What the control plane can do with the whole emulator. */
export interface EmulatorControls {
    /** Every vendor back to no tasks, the start time, no faults, default answers and an empty log. */
    reset(): void;
    now(): number;
    setClock(unixSeconds: number): void;
    advance(seconds: number): void;
    clockMode(): ClockMode;
    setClockMode(mode: ClockMode): void;
}

export interface ControlTarget extends EmulatorControls {
    vendors: Record<string, VendorControls>;
    /** The vendor served at /_emulator/… without a vendor name. */
    defaultVendor: string;
}

export const ok = (body: unknown): ControlAnswer => ({ status: 200, body });
const notFound = (method: string, path: string): ControlAnswer => ({ status: 404, body: { error: `unknown control route ${method} ${path}` } });
const CLOCK_MODES: ClockMode[] = ["manual", "wall"];

function vendorRoute(vendor: VendorControls, method: string, path: string, input: any, fullPath: string): ControlAnswer {
    const post = method === "POST";
    if (path === "/faults") {
        if (post) vendor.setFaults(input);
        return ok(vendor.faults());
    }
    if (path === "/answers") {
        if (post) vendor.setAnswers(input);
        return ok(vendor.answers());
    }
    if (!post && path === "/log") return ok(vendor.requestLog());
    return vendor.route(method, path, input) ?? notFound(method, fullPath);
}

/** One control-plane request (`path` without the /_emulator prefix and query; `input` the parsed JSON body). */
export function controlRoute(target: ControlTarget, method: string, path: string, input: any): ControlAnswer {
    const post = method === "POST";
    try {
        if (post && path === "/reset") {
            target.reset();
            return ok({ ok: true });
        }
        if (path === "/clock") {
            if (post && typeof input.set === "number") target.setClock(input.set);
            else if (post && typeof input.advance === "number") target.advance(input.advance);
            else if (post && CLOCK_MODES.includes(input.mode)) target.setClockMode(input.mode);
            else if (post) return { status: 400, body: { error: 'send {"set": unixSeconds}, {"advance": seconds} or {"mode": "manual" | "wall"}' } };
            return ok({ now: target.now(), mode: target.clockMode() });
        }
        const [, first, rest] = /^\/([^/]+)(\/.*)?$/.exec(path) ?? [];
        if (first && Object.hasOwn(target.vendors, first)) return vendorRoute(target.vendors[first], method, rest ?? "", input, path);
        return vendorRoute(target.vendors[target.defaultVendor], method, path, input, path);
    } catch (e) {
        // A TypeError is a malformed request (setFaults, setAnswers); anything else conflicts with the state.
        return { status: e instanceof TypeError ? 400 : 409, body: { error: e instanceof Error ? e.message : String(e) } };
    }
}

/** A vendor's tasks as the control plane shows them, and its console actions by name. */
export interface TaskConsole<Id, T> {
    tasks(): T[];
    task(taskId: Id): T | undefined;
    console: Record<string, (taskId: Id) => void>;
}

/** GET /tasks, GET /tasks/ID, POST /tasks/ID/<console action> (or another collection's name); undefined for any other path. */
export function taskRoutes<Id, T>(vendor: TaskConsole<Id, T>, idOf: (digits: string) => Id, method: string, path: string, collection = "tasks"): ControlAnswer | undefined {
    const post = method === "POST";
    if (!post && path === `/${collection}`) return ok(vendor.tasks());
    const m = new RegExp(`^/${collection}/(\\d+)(?:/([a-z]+))?$`).exec(path);
    if (!m || (m[2] && !Object.hasOwn(vendor.console, m[2]))) return undefined;
    const id = idOf(m[1]);
    if (post && m[2]) {
        vendor.console[m[2]](id);
        return ok(vendor.task(id) ?? { removed: id });
    }
    const task = vendor.task(id);
    return task ? ok(task) : { status: 404, body: { error: `no ${collection.slice(0, -1)} ${id}` } };
}
