// A command run in a real terminal: a detached tmux session of a given size (tmux from
// scripts/ensure-tmux.sh, which installs it on a clean machine), its screen captured once the
// command has printed.
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import { REPO } from "../../scripts/pulumi-cli";

export interface Screen {
    /** The screen's text, trailing blanks of each line and of the screen removed. */
    text: string;
    /** The command's exit status. */
    code: number;
}

/** Runs `command` (a shell line) in a terminal of `columns` × `rows` with `env`, and returns its screen. */
export function inTerminal(command: string, { columns, rows = 50, env = {} }: { columns: number; rows?: number; env?: Record<string, string> }): Screen {
    const tmuxBin = execFileSync("bash", [path.join(REPO, "scripts", "ensure-tmux.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    const socket = `ccc-terminal-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync(tmuxBin, ["-u", "-L", socket, ...args], { encoding: "utf8", env: { ...process.env, ...env, LANG: "C.UTF-8" } });
    // The session outlives the command until the screen is read: its exit status is kept in a tmux option.
    const line = `${command}; tmux -L ${socket} set-option -g @code $?; tmux -L ${socket} wait-for -S shown; sleep 60`;
    try {
        const started = tmux("new-session", "-d", "-x", String(columns), "-y", String(rows), "-s", "screen", line);
        if (started.status !== 0) throw new Error(`tmux new-session: ${started.stderr}`);
        if (tmux("wait-for", "shown").status !== 0) throw new Error("tmux wait-for failed");
        const text = tmux("capture-pane", "-p", "-t", "screen").stdout.split("\n").map((l) => l.trimEnd()).join("\n").replace(/\n+$/, "\n");
        return { text, code: Number(tmux("show-options", "-gv", "@code").stdout.trim()) };
    } finally {
        tmux("kill-server");
    }
}
