// The model clock, shared by every vendor, and what moves it: tests and the control plane only
// ("manual"), or wall time as well ("wall", for a long-running local emulator, where calls then
// progress while nobody is looking). Moving it steps every vendor's simulation on the way.
import { STEP } from "./dialer";

/** "manual": the model clock moves only when told (tests); "wall": it also follows wall time. */
export type ClockMode = "manual" | "wall";

/** A vendor's model as the clock drives it. */
export interface Simulation {
    /** Whether anything can change as time passes (otherwise the clock jumps). */
    active(): boolean;
    /** The model at time `now`, one step after the last. */
    step(now: number): void;
}

const wallSeconds = () => Math.floor(Date.now() / 1000);

export class Clock {
    /** In wall mode, model time minus wall time. */
    private offset: number;

    constructor(
        private current: number,
        private currentMode: ClockMode,
        private readonly simulations: Simulation[],
    ) {
        this.offset = current - wallSeconds();
    }

    /** Model time, Unix seconds, without catching up with the wall (see sync). */
    now(): number {
        return this.current;
    }

    mode(): ClockMode {
        return this.currentMode;
    }

    /** Switching to wall time continues from the model's time at the wall's pace. */
    setMode(mode: ClockMode): void {
        this.sync();
        this.currentMode = mode;
        this.restarted();
    }

    /** Brings the models up to wall time (wall mode); true when they changed. */
    sync(): boolean {
        const target = wallSeconds() + this.offset;
        if (this.currentMode !== "wall" || target <= this.current) return false;
        this.advanceTo(target);
        return true;
    }

    /** Restored from a saved state, or reset: go on from `t` without stepping. */
    restore(t: number): void {
        this.current = t;
        this.restarted();
    }

    /** Forward only; in wall mode the clock goes on from there. */
    set(unixSeconds: number): void {
        this.sync();
        this.advanceTo(unixSeconds);
        this.restarted();
    }

    private restarted(): void {
        this.offset = this.current - wallSeconds();
    }

    private advanceTo(target: number): void {
        if (target < this.current) throw new Error(`the clock only moves forward (now ${this.current}, asked ${target})`);
        while (this.current < target) {
            // Idle: nothing can change until the target, so jump.
            this.current = this.simulations.some((s) => s.active()) ? Math.min(target, this.current + STEP) : target;
            for (const s of this.simulations) s.step(this.current);
        }
    }
}
