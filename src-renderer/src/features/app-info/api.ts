import { useMutation } from '@tanstack/react-query';
import { invoke } from '../../lib/bridge';

/** The diagnostics text, with what only the window knows (its browser) added by the main process. */
export const useDiagnostics = () =>
  useMutation({ mutationFn: () => invoke('app.diagnostics', { userAgent: navigator.userAgent.slice(0, 512) }) });

export const useOpenLogFolder = () => useMutation({ mutationFn: () => invoke('app.openLogFolder', undefined) });

/** Puts text on the clipboard; answers why not when it could not (no permission, no focus). */
export async function copyText(text: string): Promise<string | null> {
  try {
    if (!navigator.clipboard) return 'this page has no clipboard access';
    await navigator.clipboard.writeText(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
