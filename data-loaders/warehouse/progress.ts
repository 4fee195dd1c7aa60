/**
 * Progress on stderr. On a terminal: one line rewritten at most once a second
 * ("parsed 1200/2000 (600/s)"). Otherwise (logs, CI): a line per 10 % of the work.
 */
export interface Progress {
  note(message: string): void;
  start(total: number, label?: string): void;
  tick(done: number): void;
  end(): void;
}

export class StderrProgress implements Progress {
  private total = 0;
  private label = "parsed";
  private t0 = 0;
  private lastPrint = 0;
  private lastDecile = 0;
  private dirty = false;
  private readonly tty: boolean;
  private readonly stream: NodeJS.WriteStream;

  constructor(stream: NodeJS.WriteStream = process.stderr, tty = !!stream.isTTY) {
    this.stream = stream;
    this.tty = tty;
  }

  note(message: string): void {
    this.clear();
    this.stream.write(message + "\n");
  }

  start(total: number, label = "parsed"): void {
    this.total = total;
    this.label = label;
    this.t0 = performance.now();
    this.lastPrint = this.t0;
    this.lastDecile = 0;
  }

  tick(done: number): void {
    if (this.total === 0) return;
    const now = performance.now();
    if (this.tty) {
      if (now - this.lastPrint >= 1000 || done === this.total) {
        this.lastPrint = now;
        this.stream.write(`\r${this.line(done, now)}\x1b[K`);
        this.dirty = true;
      }
    } else {
      const decile = Math.floor((done * 10) / this.total);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(this.line(done, now) + "\n");
      }
    }
  }

  end(): void {
    this.clear();
  }

  private clear(): void {
    if (this.dirty) {
      this.stream.write("\n");
      this.dirty = false;
    }
  }

  private line(done: number, now: number): string {
    const s = (now - this.t0) / 1000;
    const rate = s > 0 ? Math.round(done / s) : 0;
    return `${this.label} ${done}/${this.total} (${rate}/s)`;
  }
}

export const silentProgress: Progress = { note() {}, start() {}, tick() {}, end() {} };
