/** A one-line progress display: redrawn in place on a terminal, a line every few seconds in logs. */
export class ProgressLine {
  private lastPrint = 0;
  private readonly started = Date.now();

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(done: number, total: number, extra: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files · ${extra} · ${seconds}s`;
    if (this.out.isTTY) this.out.write(`\r${line}\u001b[K`);
    else if (Date.now() - this.lastPrint > 5000 || done === total) {
      this.out.write(`${line}\n`);
      this.lastPrint = Date.now();
    }
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
