import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { DiagnosticsReport } from './use-diagnostics-report';

/**
 * The diagnostics, all of it, as copied: the user sees exactly what would be sent (keys and tokens
 * are not in it: the main process redacts the text before it answers).
 */
export function DiagnosticsDialog({ report }: { report: DiagnosticsReport }) {
  const { diagnostics, copy } = report;
  const text = diagnostics.data?.text;
  return (
    <Dialog title="Diagnostics" open={report.open} onClose={report.close} wide>
      {diagnostics.isPending && <p role="status">Gathering diagnostics…</p>}
      {diagnostics.isError && <ErrorAlert error={diagnostics.error} title="Could not gather diagnostics." />}
      {text !== undefined && (
        <>
          <p role="status" className={copy?.failed ? 'field-error' : undefined}>
            {copy === null
              ? 'Copying…'
              : copy.failed
                ? `Could not copy to the clipboard (${copy.failed}): select the text below and copy it.`
                : 'Copied to the clipboard. Below is all of it: paste it into your message to support.'}
          </p>
          <p className="muted small">
            Versions, your system, settings, connections (without their keys) and the last log lines. No API key or token is in it.
          </p>
          <textarea className="diagnostics-text" aria-label="Diagnostics text" readOnly value={text} rows={18} spellCheck={false} />
          <div className="button-row">
            <button type="button" onClick={() => void report.copyAgain()}>
              Copy again
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
