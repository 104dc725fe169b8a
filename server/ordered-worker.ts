/**
 * A worker thread that answers each message it is asked in the order asked: the search rebuild's
 * keying thread and a bundle's reading thread both are one. Once the thread fails (an error, or
 * its end, closing included), every question still waiting and every one asked after is refused
 * with that failure.
 */
import type { TransferListItem, Worker } from 'node:worker_threads';

export interface OrderedWorkerOptions<A, M> {
  /** The answer a message from the thread gives; throwing refuses that question with the error. */
  readonly answer: (message: M) => A;
  /** The failure when the thread ends on its own or is closed. */
  readonly stopped: (exitCode: number) => Error;
  /** Whether the thread keeps the process alive only while a question waits (otherwise always). */
  readonly aliveOnlyWhileAsked?: boolean;
}

interface Waiting<A> {
  resolve(answer: A): void;
  reject(error: Error): void;
}

/** A: what the thread's answers are taken as; M: the messages it answers with. */
export class OrderedWorker<A, M = unknown> {
  private readonly waiting: Waiting<A>[] = [];
  private failure: Error | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly options: OrderedWorkerOptions<A, M>,
  ) {
    if (options.aliveOnlyWhileAsked) worker.unref();
    worker.on('message', (message: M) => {
      const next = this.waiting.shift();
      if (options.aliveOnlyWhileAsked && this.waiting.length === 0) worker.unref();
      try {
        next?.resolve(options.answer(message));
      } catch (error) {
        next?.reject(error as Error);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(options.stopped(code)));
  }

  /** Whether the thread has failed or been closed: nothing asked of it now is answered. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The thread's answer to `message`, once it has answered every question asked before. */
  ask(message: unknown, transfer: readonly TransferListItem[] = []): Promise<A> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ resolve, reject }) === 1 && this.options.aliveOnlyWhileAsked) this.worker.ref();
      this.worker.postMessage(message, transfer);
    });
  }

  /** Sends `message`, which the thread does not answer. */
  tell(message: unknown, transfer: readonly TransferListItem[] = []): void {
    if (!this.failure) this.worker.postMessage(message, transfer);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }
}
