import { open, type FileHandle } from 'node:fs/promises';

/** Text written in blocks of about 4 MB: never one string for the whole file (V8 caps string length). */
export class TextSink {
  private buffer = '';
  bytes = 0;
  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<TextSink> {
    return new TextSink(await open(path, 'wx'));
  }

  async add(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 4 * 1024 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer) return;
    const data = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    await this.handle.write(data);
    this.bytes += data.length;
  }

  async close(): Promise<number> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
    return this.bytes;
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
