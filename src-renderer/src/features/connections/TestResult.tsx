import type { UseMutationResult } from '@tanstack/react-query';
import type { Me } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** What "Test connection" found: who the API says we are, or why it would not say. */
export function TestResult({ test }: { test: Pick<UseMutationResult<Me, Error, never>, 'data' | 'error' | 'isSuccess' | 'isError'> }) {
  if (test.isError) return <ErrorAlert error={test.error} title="Connection failed." />;
  if (!test.isSuccess || !test.data) return null;
  return (
    <p role="status" className="success">
      Connected as {test.data.username} ({test.data.customerName}).
    </p>
  );
}
