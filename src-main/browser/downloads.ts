import { randomUUID } from 'node:crypto';

export interface OfferedFile {
  filePath: string;
  fileName: string;
}

/** Files that browser mode's "Save…" offers as downloads, each under an unguessable id. */
export function createDownloads() {
  const offered = new Map<string, OfferedFile>();
  return {
    offer(filePath: string, fileName: string): string {
      const id = randomUUID();
      offered.set(id, { filePath, fileName });
      return `/api/download/${id}`;
    },
    get(id: string): OfferedFile | undefined {
      return offered.get(id);
    },
  };
}
export type Downloads = ReturnType<typeof createDownloads>;
