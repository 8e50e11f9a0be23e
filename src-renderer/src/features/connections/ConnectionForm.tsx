import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { ConnectionDraft, DEFAULT_API_URL, type Connection } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { useSaveConnection, useTestConnection } from './api';
import { TestResult } from './TestResult';

// The form always has a string in the key field; empty means "keep the stored key" when editing.
const FormSchema = ConnectionDraft.extend({ apiKey: z.string().max(4096) });
type FormValues = z.input<typeof FormSchema>;

interface Props {
  editing: Connection | null;
  onDone(saved: Connection): void;
  onCancel(): void;
}

/** Add or edit a Nortech connection. The stored key is never shown: only its last characters. */
export function ConnectionForm({ editing, onDone, onCancel }: Props) {
  const save = useSaveConnection();
  const test = useTestConnection();
  const form = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    mode: 'onTouched',
    defaultValues: { id: editing?.id, name: editing?.name ?? '', apiUrl: editing?.apiUrl ?? DEFAULT_API_URL, apiKey: '' },
  });
  const { register, handleSubmit, formState, setError } = form;

  const toDraft = (v: FormValues): ConnectionDraft => {
    const key = v.apiKey.trim();
    return { id: v.id, name: v.name, apiUrl: v.apiUrl, ...(key ? { apiKey: key } : {}) };
  };
  const needKey = (v: FormValues) => {
    if (!editing && !v.apiKey.trim()) {
      setError('apiKey', { message: 'Enter the API key' });
      return true;
    }
    return false;
  };

  const onSave = handleSubmit(async (v) => {
    if (needKey(v)) return;
    // A failure is shown below the form (save.error).
    const saved = await save.mutateAsync(toDraft(v)).catch(() => null);
    if (saved) onDone(saved);
  });
  const onTest = handleSubmit((v) => {
    const key = v.apiKey.trim();
    // Without a new key, test what is stored; with one, test the draft before saving it.
    if (editing && !key) test.mutate({ id: editing.id });
    else if (!needKey(v)) test.mutate({ ...toDraft(v), apiKey: key });
  });

  const err = formState.errors;
  return (
    <form className="connection-form" onSubmit={onSave} noValidate>
      <h3>{editing ? `Edit ${editing.name}` : 'Add a Nortech connection'}</h3>
      <Field label="Name" error={err.name?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} {...register('name')} aria-invalid={invalid} aria-describedby={describedBy} autoComplete="off" />
        )}
      </Field>
      <Field label="API URL" error={err.apiUrl?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            {...register('apiUrl')}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="API key" error={err.apiKey?.message}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            {...register('apiKey')}
            type="password"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            autoComplete="off"
            placeholder={editing?.keyHint ? `Stored key ${editing.keyHint}: leave empty to keep it` : ''}
          />
        )}
      </Field>
      {save.isError && <ErrorAlert error={save.error} title="Not saved." />}
      <TestResult test={test} />
      <div className="button-row">
        <button type="button" onClick={onTest} disabled={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save connection
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
