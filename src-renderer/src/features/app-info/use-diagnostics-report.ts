import { useCallback, useState } from 'react';
import { copyText, useDiagnostics } from './api';

/**
 * "Copy diagnostics" from the click (or the menu command) on: open the dialog, gather the text,
 * put it on the clipboard. Started by the event itself, so the copy follows the user's gesture.
 */
export function useDiagnosticsReport() {
  const diagnostics = useDiagnostics();
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<{ failed: string | null } | null>(null);
  const { mutateAsync } = diagnostics;

  const start = useCallback(() => {
    setOpen(true);
    setCopy(null);
    void mutateAsync()
      .then(async ({ text }) => setCopy({ failed: await copyText(text) }))
      // A failure is shown in the dialog (diagnostics.error).
      .catch(() => undefined);
  }, [mutateAsync]);

  const copyAgain = useCallback(async () => {
    if (diagnostics.data) setCopy({ failed: await copyText(diagnostics.data.text) });
  }, [diagnostics.data]);

  return { open, start, close: () => setOpen(false), copyAgain, copy, diagnostics };
}

export type DiagnosticsReport = ReturnType<typeof useDiagnosticsReport>;
