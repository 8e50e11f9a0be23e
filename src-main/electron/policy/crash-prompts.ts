/** The message boxes the window shows when its page dies or stops answering (data for `dialog.showMessageBox`). */
export interface Prompt {
  type: 'warning' | 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/** A page that exits cleanly is one we closed; every other way of going is worth a reload offer. */
export function shouldOfferReload(reason: string): boolean {
  return reason !== 'clean-exit';
}

const KEPT = 'Exports in progress, connections and settings are kept in the app: reloading the window does not lose them.';

/** Buttons: 0 = Reload, 1 = Quit. */
export function crashPrompt(reason: string): Prompt {
  const why = reason === 'oom' ? 'ran out of memory' : reason === 'killed' ? 'was stopped by the system' : 'stopped unexpectedly';
  return {
    type: 'error',
    title: 'Signal Explorer',
    message: `The window ${why}.`,
    detail: `${KEPT} (reason: ${reason})`,
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  };
}

/** Buttons: 0 = Wait, 1 = Reload. */
export function hangPrompt(): Prompt {
  return {
    type: 'warning',
    title: 'Signal Explorer',
    message: 'The window is not responding.',
    detail: `You can wait for it, or reload it. ${KEPT}`,
    buttons: ['Wait', 'Reload'],
    defaultId: 0,
    cancelId: 0,
  };
}
