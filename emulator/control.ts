// The control plane, beside the API under /_emulator/: reset, clock, faults, answers, request log, task
// inspection and console actions. For tests and demos on loopback only. It knows the emulator only
// through its public interface, and nothing imports it but the composition root.
import type { ClockMode, Emulator } from "./types";

export interface ControlAnswer {
    status: number;
    body: unknown;
}

const ok = (body: unknown): ControlAnswer => ({ status: 200, body });
const CLOCK_MODES: ClockMode[] = ["manual", "wall"];

/** One control-plane request (`path` without the /_emulator prefix and query; `input` the parsed JSON body). */
export function controlRoute(emulator: Emulator, method: string, path: string, input: any): ControlAnswer {
    const post = method === "POST";
    try {
        if (post && path === "/reset") {
            emulator.reset();
            return ok({ ok: true });
        }
        if (path === "/clock") {
            if (post && typeof input.set === "number") emulator.setClock(input.set);
            else if (post && typeof input.advance === "number") emulator.advance(input.advance);
            else if (post && CLOCK_MODES.includes(input.mode)) emulator.setClockMode(input.mode);
            else if (post) return { status: 400, body: { error: 'send {"set": unixSeconds}, {"advance": seconds} or {"mode": "manual" | "wall"}' } };
            return ok({ now: emulator.now(), mode: emulator.clockMode() });
        }
        if (path === "/faults") {
            if (post) emulator.setFaults(input);
            return ok(emulator.faults());
        }
        if (path === "/answers") {
            if (post) emulator.setAnswers(input);
            return ok(emulator.answers());
        }
        if (!post && path === "/log") return ok(emulator.requestLog());
        if (!post && path === "/tasks") return ok(emulator.tasks());
        const m = /^\/tasks\/(\d+)(?:\/(pause|resume|stop|remove))?$/.exec(path);
        if (m) {
            const id = Number(m[1]);
            if (post && m[2]) {
                emulator.console[m[2] as "pause" | "resume" | "stop" | "remove"](id);
                return ok(emulator.task(id) ?? { removed: id });
            }
            const task = emulator.task(id);
            return task ? ok(task) : { status: 404, body: { error: `no task ${id}` } };
        }
        return { status: 404, body: { error: `unknown control route ${method} ${path}` } };
    } catch (e) {
        // A TypeError is a malformed request (setFaults, setAnswers); anything else conflicts with the state.
        return { status: e instanceof TypeError ? 400 : 409, body: { error: e instanceof Error ? e.message : String(e) } };
    }
}
