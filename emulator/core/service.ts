// What a vendor plugs into the emulator core (moto's BaseResponse, in short): how its requests are
// recognised, read, verified and answered, its actions, and its refusals. The core knows no vendor.
import type { IncomingHttpHeaders } from "http";

/** What the wire layer needs of an HTTP request. */
export interface WireRequest {
    method: string;
    /** The query string as sent, without `?`. */
    query: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
}

/** An answer to send. */
export interface Reply {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export type Outcome =
    | ({ kind: "reply" } & Reply)
    /** Close the connection without an answer, after `afterMs`. */
    | { kind: "destroy"; afterMs: number };

/** A refusal in the vendor's terms; each vendor's error class extends it and its wire renders it. */
export class ServiceError extends Error {
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "ServiceError";
    }
}

/** Which tasks a listing may show (the list-lag fault); ids are the vendor's. */
export interface Listing {
    listable(taskId: number | string): boolean;
    created(taskId: number | string): void;
    listed(): void;
}

export interface Handled {
    response: unknown;
    taskId?: number | string;
}

/** What the pipeline asks of a vendor, step by step. `P` is its parsed parameters. */
export interface Service<P = unknown> {
    /** Its name in the control plane (`/_emulator/<name>/…`) and the request log. */
    readonly name: string;
    /** Whether a request is addressed to this vendor (its host, its headers). */
    claims(req: WireRequest): boolean;
    /** The action named by the request, as sent ("" when none). */
    actionOf(req: WireRequest): string;
    /** The parameters, and what the log shows of them; throws the vendor's error for a malformed request. */
    read(req: WireRequest): { params: P; logged: unknown };
    /** Checks the signature against the wall clock (seconds); returns the key id it was signed with. */
    verify(req: WireRequest, wallNow: number): string;
    version(req: WireRequest): void;
    isAction(name: string): boolean;
    /** Whether the action changes state (persisted after it runs). */
    writes(action: string): boolean;
    handle(action: string, params: P, listing: Listing): Handled;
    /** The answer to give instead of a refusal whose wording the vendor does not document, or "ok". */
    answer(refusal: ServiceError): ServiceError | "ok";
    errors: {
        invalidAction(action: string): ServiceError;
        throttled(count: number, limit: number): ServiceError;
        unavailable(): ServiceError;
        internal(): ServiceError;
    };
    /** The vendor's envelope around a result or a refusal. */
    reply(requestId: string, result: unknown): Reply;
    /** The vendor's answer to a request for a path it does not serve. */
    notServed(requestId: string): Reply;
}
