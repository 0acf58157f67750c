// The emulator's public shape: its options, its request log and the object startEmulator() returns.
// Types only, so that the control plane can depend on this and nothing else.
import type { Answers } from "./answers";
import type { FaultConfig, FaultState } from "./faults";
import type { TaskRecord } from "./model";
import type { Credential } from "./wire";

/** "manual": the model clock moves only when told (tests); "wall": it also follows wall time. */
export type ClockMode = "manual" | "wall";

export interface EmulatorOptions {
    /** 0 (default) picks a free port. */
    port?: number;
    credentials?: Credential[];
    sdkAppIds?: number[];
    /** Per action, per second (default 20, as documented). */
    rateLimitPerSecond?: number;
    /** Model clock start, Unix seconds (default: now). */
    clockStart?: number;
    /** Default "manual". */
    clock?: ClockMode;
    /** JSON file to load at start and save after every change. */
    statePath?: string;
}

export interface RequestLogEntry {
    seq: number;
    /** Wall time, ms. */
    at: number;
    /** Model time, s. */
    clock: number;
    action: string;
    params: any;
    /** "ok", an error Code, or "fault:<kind>" for an injected fault. */
    outcome: string;
    requestId: string;
    secretId?: string;
    taskId?: number;
}

export interface Emulator {
    url: string;
    port: number;
    close(): Promise<void>;
    /** Back to no tasks, the start time, no faults, default answers and an empty log. */
    reset(): void;
    now(): number;
    setClock(unixSeconds: number): void;
    advance(seconds: number): void;
    clockMode(): ClockMode;
    setClockMode(mode: ClockMode): void;
    /** Throws a TypeError for an unknown fault kind or a malformed rule. */
    setFaults(f: FaultConfig): void;
    clearFaults(): void;
    /** The configuration with what is left of each rule's `count` and `after`. */
    faults(): FaultState;
    /** Replaces answers Tencent does not document (see answers.ts); throws a TypeError when malformed. */
    setAnswers(a: Answers): void;
    answers(): Answers;
    requestLog(): RequestLogEntry[];
    tasks(): TaskRecord[];
    task(taskId: number): TaskRecord | undefined;
    /** What a person can do in the CCC console; `remove` makes the task vanish. */
    console: { pause(taskId: number): void; resume(taskId: number): void; stop(taskId: number): void; remove(taskId: number): void };
}
