// HTTP and routing: the API at `/` (POST, or GET with the parameters in the query string) and the
// control plane under /_emulator/. What each route does is handed in; this file knows neither.
import * as http from "http";
import { randomUUID } from "crypto";
import type { AddressInfo, Socket } from "net";
import { ApiError } from "./errors";
import type { Outcome } from "./pipeline";
import { envelope, type WireRequest } from "./wire";

export interface Routes {
    api(req: WireRequest): Promise<Outcome>;
    control(method: string, path: string, input: unknown): { status: number; body: unknown };
}

export interface Server {
    port: number;
    close(): Promise<void>;
}

const CONTROL = "/_emulator";

function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

function sendJson(res: http.ServerResponse, status: number, body: string): void {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(body);
}

function control(routes: Routes, req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer): void {
    let input: unknown;
    try {
        input = body.length ? JSON.parse(body.toString("utf8")) : {};
    } catch {
        return sendJson(res, 400, JSON.stringify({ error: "the body is not JSON" }));
    }
    const answer = routes.control(req.method ?? "GET", path.slice(CONTROL.length), input);
    sendJson(res, answer.status, JSON.stringify(answer.body));
}

async function api(routes: Routes, req: http.IncomingMessage, res: http.ServerResponse, query: string, body: Buffer): Promise<void> {
    const outcome = await routes.api({ method: req.method ?? "", query, headers: req.headers, body });
    if (outcome.kind === "reply") {
        res.writeHead(outcome.status, outcome.headers);
        return void res.end(outcome.body);
    }
    // The timer must not keep a closing process alive; close() destroys the socket anyway.
    if (outcome.afterMs) setTimeout(() => req.socket.destroy(), outcome.afterMs).unref();
    else req.socket.destroy();
}

export async function serve(port: number, routes: Routes): Promise<Server> {
    const sockets = new Set<Socket>();
    const server = http.createServer(async (req, res) => {
        try {
            const body = await readBody(req);
            const [path, query = ""] = (req.url ?? "").split(/\?(.*)/s);
            if (path === CONTROL || path.startsWith(`${CONTROL}/`)) return control(routes, req, res, path, body);
            if (path === "/" && (req.method === "POST" || req.method === "GET")) return await api(routes, req, res, query, body);
            sendJson(res, 404, envelope(randomUUID(), new ApiError("InvalidAction", "Only POST / and GET /?… are served.")));
        } catch {
            if (!res.headersSent) res.writeHead(500);
            res.end();
        }
    });
    server.on("connection", (s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
    });
    return {
        port: (server.address() as AddressInfo).port,
        close: () =>
            new Promise<void>((resolve) => {
                for (const s of sockets) s.destroy();
                server.close(() => resolve());
            }),
    };
}
