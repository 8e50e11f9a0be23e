import { useState } from 'react';
import { SelectionName, type SavedSelection } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useRemoveSelection, useRenameSelection, useSaveSelection, useSavedSelections } from './api';
import type { SelectionValues } from './form-schema';
import { toValues } from './values-form';

type Mode = { kind: 'idle' } | { kind: 'save' } | { kind: 'rename'; selection: SavedSelection };

interface Props {
  /** The connection a saved selection is kept with. */
  connectionId: string;
  /** The selection as it is now, to save. */
  current(): SelectionValues;
  onLoad(selection: SavedSelection): void;
}

/** Name and keep a selection (signals, window as written, values, format); load, rename or delete one. */
export function SavedSelections({ connectionId, current, onLoad }: Props) {
  const list = useSavedSelections();
  const save = useSaveSelection();
  const rename = useRenameSelection();
  const remove = useRemoveSelection();
  const [chosenId, setChosenId] = useState('');
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const selections = list.data ?? [];
  const chosen = selections.find((s) => s.id === chosenId) ?? null;

  const submitName = async () => {
    const checked = SelectionName.safeParse(name);
    if (!checked.success) return setNameError(checked.error.issues[0]?.message ?? 'Not a valid name');
    setNameError(null);
    if (mode.kind === 'rename') {
      // A failure is shown as `failure` below (rename.error).
      const done = await rename.mutateAsync({ id: mode.selection.id, name: checked.data }).catch(() => null);
      if (done) setMode({ kind: 'idle' });
      return;
    }
    const v = current();
    const same = selections.find((s) => s.name.toLowerCase() === checked.data.toLowerCase());
    const saved = await save
      .mutateAsync({
        id: same?.id,
        name: checked.data,
        connectionId,
        signals: v.signals,
        window: v.window,
        format: v.format,
        values: toValues(v.values, v.window.timeZone),
        derivations: v.derivations,
      })
      // Shown as `failure` below (save.error).
      .catch(() => null);
    if (saved) {
      setChosenId(saved.id);
      setMode({ kind: 'idle' });
    }
  };

  const failure = save.error ?? rename.error ?? remove.error ?? list.error;
  return (
    <div className="saved-selections">
      <div className="button-row">
        <label className="inline-field">
          <span>Saved selection</span>
          <select value={chosenId} onChange={(e) => setChosenId(e.target.value)}>
            <option value="">{selections.length ? 'Choose…' : 'None saved yet'}</option>
            {selections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!chosen} onClick={() => chosen && onLoad(chosen)}>
          Load
        </button>
        <button
          type="button"
          disabled={!chosen}
          onClick={() => {
            if (!chosen) return;
            setName(chosen.name);
            setMode({ kind: 'rename', selection: chosen });
          }}
        >
          Rename…
        </button>
        <button
          type="button"
          disabled={!chosen}
          onClick={() => {
            if (!chosen) return;
            remove.mutate(chosen.id);
            setChosenId('');
          }}
        >
          Delete
        </button>
        <button
          type="button"
          onClick={() => {
            setName(chosen?.name ?? '');
            setMode({ kind: 'save' });
          }}
        >
          Save selection…
        </button>
      </div>
      {mode.kind !== 'idle' && (
        <div className="button-row name-row">
          <label className="inline-field">
            <span>Selection name</span>
            <input
              autoFocus
              value={name}
              maxLength={120}
              aria-invalid={!!nameError}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void submitName();
                }
                if (e.key === 'Escape') setMode({ kind: 'idle' });
              }}
            />
          </label>
          <button type="button" className="primary" onClick={() => void submitName()}>
            {mode.kind === 'rename' ? 'Rename selection' : 'Save selection'}
          </button>
          <button type="button" onClick={() => setMode({ kind: 'idle' })}>
            Back
          </button>
          {nameError && (
            <span className="field-error" role="alert">
              {nameError}
            </span>
          )}
        </div>
      )}
      {failure && <ErrorAlert error={failure} />}
    </div>
  );
}
