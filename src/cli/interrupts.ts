/**
 * @module Ctrl-C during apply: the first stops starting work (the run then reports what was done and
 * what was not, exit 5); the second leaves at once. Leaving at once is safe: AWS keeps what it
 * accepted, the sandbox file is written atomically at process exit, and the next plan sees both.
 */

export interface InterruptActions {
  /** Stop starting work (aborts the apply's signal). */
  stop(): void;
  /** Tell the person what happens now (one line). */
  note(text: string): void;
  /** Leave the process at once. */
  leave(): void;
}

/** A SIGINT listener: the first call stops, the second leaves. */
export function createInterruptHandler(actions: InterruptActions): () => void {
  let count = 0;
  return () => {
    count += 1;
    if (count === 1) {
      actions.note(
        'Stopping: nothing new starts and the report follows; requests AWS accepted finish on their own. Ctrl-C again leaves at once.',
      );
      actions.stop();
    } else if (count === 2) {
      actions.leave();
    }
  };
}
