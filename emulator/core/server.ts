// HTTP and routing: each vendor's API at `/` (POST, or GET with the parameters in the query string),
// the vendor chosen by the request itself (its host or headers, see Service.claims), and the control
// plane under /_emulator/. What each route does is handed in; this file knows no vendor.
import * as http from "http";
import { randomUUID } from "crypto";
import type { AddressInfo, Socket } from "net";
import type { Outcome, Service, WireRequest } from "./service";

/** A vendor's API: who it is, and its pipeline. */
export interface ApiRoute {
    service: Pick<Service, "claims" | "notServed">;
    api(req: WireRequest): Promise<Outcome>;
}

export interface Routes {
    /** In order: the first that claims a request serves it; the last is the default. */
    apis: ApiRoute[];
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

function routeOf(routes: Routes, req: WireRequest): ApiRoute {
    return routes.apis.find((r) => r.service.claims(req)) ?? routes.apis[routes.apis.length - 1];
}

async function api(route: ApiRoute, req: http.IncomingMessage, res: http.ServerResponse, wire: WireRequest): Promise<void> {
    const outcome = await route.api(wire);
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
            const wire: WireRequest = { method: req.method ?? "", query, headers: req.headers, body };
            const route = routeOf(routes, wire);
            if (path === "/" && (req.method === "POST" || req.method === "GET")) return await api(route, req, res, wire);
            const refused = route.service.notServed(randomUUID());
            res.writeHead(refused.status, refused.headers);
            res.end(refused.body);
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
