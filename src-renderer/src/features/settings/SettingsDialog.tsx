import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from '../../../../src-preload/contract';
import { WeekStart } from '../../../../src-preload/contract/time-expressions';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { settingsQuery, useSaveSettings } from './api';

interface Props {
  open: boolean;
  onClose(): void;
}

/** The app's settings: how many chunks of an export run at once, how much disk the export cache may use, the day weeks start on, how often Live polls. */
export function SettingsDialog({ open, onClose }: Props) {
  const settings = useQuery({ ...settingsQuery, enabled: open });
  const save = useSaveSettings();
  const form = useForm<z.input<typeof Settings>, unknown, Settings>({
    resolver: zodResolver(Settings),
    mode: 'onChange',
    defaultValues: DEFAULT_SETTINGS,
  });
  const { register, handleSubmit, formState, reset } = form;
  const current = settings.data;
  // Closed: edits dropped, so the next opening starts from what is saved. Open: the saved settings
  // fill the form as they arrive, but what was typed meanwhile stays (the read came after the user
  // had typed, under load, and put the saved value back over it).
  useEffect(() => {
    if (!open) reset(current ?? DEFAULT_SETTINGS);
    else if (current) reset(current, { keepDirtyValues: true });
  }, [current, open, reset]);

  const onSave = handleSubmit(async (values) => {
    // A failure is shown in the dialog (save.error).
    const saved = await save.mutateAsync(values).catch(() => null);
    if (saved) onClose();
  });

  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <form className="settings-form" noValidate onSubmit={(e) => void onSave(e)}>
        {settings.isError && <ErrorAlert error={settings.error} title="Could not read the settings." />}
        <Field label="Chunks downloaded at once" error={formState.errors.concurrency?.message} hintId="concurrency-hint">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="number"
              min={1}
              max={8}
              step={1}
              {...register('concurrency', { valueAsNumber: true })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <p id="concurrency-hint" className="muted small">
          1 to 8. A long export is asked for in chunks; more at once finishes sooner when Nortech and your network keep up, fewer is gentler
          on both. Applies to exports started or resumed from now on.
        </p>
        <Field label="Export cache size (GB)" error={formState.errors.cacheLimitGb?.message} hintId="cache-hint">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="number"
              min={1}
              step="any"
              {...register('cacheLimitGb', { valueAsNumber: true })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <p id="cache-hint" className="muted small">
          Downloaded chunks are kept so that previews reopen from History and stopped exports resume. Over this size the oldest go first.
        </p>
        <Field label="Weeks start on" error={formState.errors.weekStart?.message} hintId="week-start-hint">
          {({ id, describedBy, invalid }) => (
            <select id={id} {...register('weekStart')} aria-invalid={invalid} aria-describedby={describedBy}>
              {WeekStart.options.map((day) => (
                <option key={day} value={day}>
                  {day[0]!.toUpperCase() + day.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p id="week-start-hint" className="muted small">
          Where <code>now/w</code> and the quick ranges &quot;This week&quot; and &quot;Previous week&quot; begin. Monday unless your weeks
          start on another day.
        </p>
        <Field label="Live update interval (s)" error={formState.errors.liveIntervalSeconds?.message} hintId="live-interval-hint">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="number"
              min={0.2}
              max={60}
              step="any"
              {...register('liveIntervalSeconds', { valueAsNumber: true })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <p id="live-interval-hint" className="muted small">
          0.2 to 60 seconds. How often Live asks Nortech for the newest values; takes effect at the next one.
        </p>
        {save.isError && <ErrorAlert error={save.error} title="Not saved." />}
        <div className="button-row">
          <button type="submit" className="primary" disabled={save.isPending || !current}>
            Save settings
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
