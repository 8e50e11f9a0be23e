import { useState } from 'react';
import type { LogFolder } from '../../../../src-preload/contract';
import { Dialog } from '../../ui/Dialog';
import { copyText } from './api';

/** Where the log is, when the system's file manager could not be asked to open it (browser mode without a desktop). */
export function LogFolderDialog({ folder, onClose }: { folder: LogFolder | null; onClose(): void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (path: string) => {
    const failed = await copyText(path);
    setCopied(failed ? `Could not copy (${failed}): select the path and copy it.` : 'Copied.');
  };
  return (
    <Dialog
      title="Log folder"
      open={folder !== null}
      onClose={() => {
        setCopied(null);
        onClose();
      }}
    >
      {folder && (
        <>
          <p>
            {folder.opened
              ? 'Opened in your file manager. It is here:'
              : 'Signal Explorer could not open a file manager here. Open this folder yourself:'}
          </p>
          <input className="log-folder-path" aria-label="Log folder path" readOnly value={folder.path} onFocus={(e) => e.target.select()} />
          <div className="button-row">
            <button type="button" onClick={() => void copy(folder.path)}>
              Copy path
            </button>
            {copied && <span role="status">{copied}</span>}
          </div>
        </>
      )}
    </Dialog>
  );
}
