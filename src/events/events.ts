/** @module Typed events and questions the library sends to its host; the library itself never prints or prompts. */

export type LogLevel = 'debug' | 'info' | 'warn';

/**
 * Everything the library tells its host while it works. Hosts render these (the CLI: stderr),
 * record them (tests), or drop them. Messages are one line and never contain credentials.
 */
export type GatehouseEvent =
  /** A log line. `code` is stable (`observe.region-probe`), `message` is for humans. */
  | { type: 'log'; level: LogLevel; code: string; message: string }
  /** A phase begins or ends (`observe`, `checks`, `plan`, `apply`). */
  | { type: 'phase'; phase: string; status: 'start' | 'end'; message?: string }
  /**
   * Progress of a countable task. `total` may grow while work is discovered.
   * `etaSeconds` is the library's estimate, when it has one.
   */
  | { type: 'progress'; task: string; done: number; total: number; etaSeconds?: number; message?: string }
  /** One plan action moving through apply. */
  | {
      type: 'action';
      address: string;
      status: 'start' | 'done' | 'failed' | 'retry' | 'skipped';
      message?: string;
    };

/** A yes/no question, e.g. before broadening or destructive changes. */
export interface ConfirmQuestion {
  code: string;
  message: string;
  /** What a host without a person at it should answer (CI without --yes answers false). */
  defaultAnswer: boolean;
  /** Extra lines to show with the question (the banner of broadening/destructive changes). */
  details?: string[];
}

/** The library's only window to the outside world. */
export interface Host {
  emit(event: GatehouseEvent): void;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/** A host that drops events and answers every question with its default. */
export const silentHost: Host = {
  emit() {},
  confirm: async (question) => question.defaultAnswer,
};

/** A host for tests: records every event and answers questions from a script (default: the question's default). */
export class RecordingHost implements Host {
  readonly events: GatehouseEvent[] = [];
  readonly questions: ConfirmQuestion[] = [];
  private readonly answers: (question: ConfirmQuestion) => boolean;
  constructor(answers: (question: ConfirmQuestion) => boolean = (q) => q.defaultAnswer) {
    this.answers = answers;
  }
  emit(event: GatehouseEvent): void {
    this.events.push(event);
  }
  async confirm(question: ConfirmQuestion): Promise<boolean> {
    this.questions.push(question);
    return this.answers(question);
  }
  logs(level?: LogLevel): string[] {
    return this.events.flatMap((e) => (e.type === 'log' && (!level || e.level === level) ? [e.message] : []));
  }
}
