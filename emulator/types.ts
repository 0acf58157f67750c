// The emulator's public shape: its options, its request log and the object startEmulator() returns.
// Types only. The top level is CCC's, as before there was a second vendor; `aiccs` is Alibaba's.
import type { Answers as AiccsAnswers } from "./aiccs/answers";
import type { TaskRecord as AiccsTaskRecord } from "./aiccs/model";
import type { Answers } from "./ccc/answers";
import type { CampaignRecord } from "./ccc/campaigns";
import type { TaskRecord } from "./ccc/model";
import type { Credential } from "./ccc/wire";
import type { ClockMode } from "./core/clock";
import type { EmulatorControls } from "./core/control";
import type { FaultConfig, FaultState } from "./core/faults";
import type { RequestLogEntry as LogEntry } from "./core/pipeline";

export type { ClockMode } from "./core/clock";

/** A CCC request in the log (task ids are numbers there). */
export type RequestLogEntry = LogEntry<number>;

export interface EmulatorOptions {
    /** 0 (default) picks a free port. */
    port?: number;
    /** Accepted by both vendors: as SecretId/SecretKey/Token (CCC) and AccessKey id/secret/security token (AICCS). */
    credentials?: Credential[];
    sdkAppIds?: number[];
    /** Per action, per second, for each vendor (default 20: CCC's documented limit; AICCS documents none). */
    rateLimitPerSecond?: number;
    /** Model clock start, Unix seconds (default: now). */
    clockStart?: number;
    /** Default "manual". */
    clock?: ClockMode;
    /** JSON file to load at start and save after every change. */
    statePath?: string;
}

/** What tests and the control plane can do with one vendor. */
export interface VendorEmulator<Id, Task, A> {
    /** Throws a TypeError for an unknown fault kind or a malformed rule. */
    setFaults(f: FaultConfig): void;
    clearFaults(): void;
    /** The configuration with what is left of each rule's `count` and `after`. */
    faults(): FaultState;
    /** Replaces the answers the vendor does not document; throws a TypeError when malformed. */
    setAnswers(a: A): void;
    answers(): A;
    requestLog(): LogEntry<Id>[];
    tasks(): Task[];
    task(taskId: Id): Task | undefined;
}

export interface AiccsEmulator extends VendorEmulator<string, AiccsTaskRecord, AiccsAnswers> {
    /** `config.endpoint` for `@alicloud/openapi-core` with `protocol: "HTTP"`: `127.0.0.1:PORT`. */
    endpoint: string;
    /** What a person can do in the console; `remove` makes the task vanish. */
    console: { stop(taskId: string): void; start(taskId: string): void; remove(taskId: string): void };
}

export interface Emulator extends VendorEmulator<number, TaskRecord, Answers>, EmulatorControls {
    /** CCC's endpoint, `http://ccc.localhost:PORT`. */
    url: string;
    port: number;
    close(): Promise<void>;
    /** What a person can do in the CCC console; `remove` makes the task vanish. */
    console: { pause(taskId: number): void; resume(taskId: number): void; stop(taskId: number): void; remove(taskId: number): void };
    /** Predictive and agent cruise campaigns (one id sequence), up to date. */
    campaigns(): CampaignRecord[];
    campaign(campaignId: number): CampaignRecord | undefined;
    /** The console's campaign actions, for either kind (pause and resume: predictive only); `remove` makes it vanish. */
    campaignConsole: { pause(campaignId: number): void; resume(campaignId: number): void; abort(campaignId: number): void; remove(campaignId: number): void };
    aiccs: AiccsEmulator;
}
