// The control plane, beside the API under /_emulator/: reset, clock, faults, request log, task
// inspection and console actions. JSON in and out; for tests and demos on loopback only.
import type * as http from "http";
import type { Emulator } from "./index";
import type { Faults } from "./faults";

function send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
}

export function controlRoute(emulator: Emulator, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const path = (req.url ?? "").replace(/^\/_emulator/, "").replace(/\?.*$/, "");
    const input = body.length ? JSON.parse(body.toString("utf8")) : {};
    const post = req.method === "POST";
    try {
        if (post && path === "/reset") {
            emulator.reset();
            return send(res, 200, { ok: true });
        }
        if (path === "/clock") {
            if (post && typeof input.set === "number") emulator.setClock(input.set);
            else if (post && typeof input.advance === "number") emulator.advance(input.advance);
            else if (post) return send(res, 400, { error: 'send {"set": unixSeconds} or {"advance": seconds}' });
            return send(res, 200, { now: emulator.now() });
        }
        if (path === "/faults") {
            if (post) emulator.setFaults(input);
            return send(res, 200, faults.current());
        }
        if (path === "/answers") {
            if (post) emulator.setAnswers(input);
            return send(res, 200, emulator.answers());
        }
        if (!post && path === "/log") return send(res, 200, emulator.requestLog());
        if (!post && path === "/tasks") return send(res, 200, emulator.tasks());
        const m = /^\/tasks\/(\d+)(?:\/(pause|resume|stop|remove))?$/.exec(path);
        if (m) {
            const id = Number(m[1]);
            if (post && m[2]) {
                emulator.console[m[2] as "pause" | "resume" | "stop" | "remove"](id);
                return send(res, 200, emulator.task(id) ?? { removed: id });
            }
            const task = emulator.task(id);
            return task ? send(res, 200, task) : send(res, 404, { error: `no task ${id}` });
        }
        send(res, 404, { error: `unknown control route ${req.method} ${path}` });
    } catch (e) {
        // A TypeError is a malformed request (setFaults, setAnswers); anything else conflicts with the state.
        send(res, e instanceof TypeError ? 400 : 409, { error: e instanceof Error ? e.message : String(e) });
    }
}
