import { useState } from 'react';
import { copyAsCommandLine, copyAsPython, type ExportRequest, type SaveChoice } from '../../../../src-preload/contract';

/*
 * Copy as command line / Copy as Python for the export shown: the same file outside the app
 * (src-preload/contract/copy-as-code.ts). The text is shown as well as copied, so that it can be
 * selected by hand where the clipboard refuses.
 */

interface Props {
  request: ExportRequest;
  /** The connection's API URL (the command line reads its key from NORTECH_API_KEY). */
  apiUrl: string;
}

export function CopyAsCode({ request, apiUrl }: Props) {
  const [shown, setShown] = useState<{ kind: 'command line' | 'Python'; text: string; note: string } | null>(null);
  const save: SaveChoice = {
    output: `export.${request.format}`,
    format: request.format,
    layout: 'file',
    timeZone: 'UTC',
    localTimeColumn: false,
    excelLocale: null,
  };
  const copy = async (kind: 'command line' | 'Python') => {
    const text = kind === 'Python' ? copyAsPython(request, save, apiUrl) : copyAsCommandLine(request, save, apiUrl);
    const note = await navigator.clipboard.writeText(text).then(
      () => 'Copied to the clipboard.',
      (error: unknown) => `Could not copy to the clipboard (${(error as Error).message}): select the text below.`,
    );
    setShown({ kind, text, note });
  };
  return (
    <div className="copy-as-code">
      <div className="button-row">
        <button type="button" onClick={() => void copy('command line')}>
          Copy as command line
        </button>
        <button type="button" onClick={() => void copy('Python')}>
          Copy as Python
        </button>
      </div>
      {shown && (
        <>
          <p className="muted small" role="status">
            {shown.note}
          </p>
          <textarea aria-label={`Copied ${shown.kind}`} readOnly value={shown.text} rows={6} spellCheck={false} />
        </>
      )}
    </div>
  );
}
