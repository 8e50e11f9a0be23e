import { useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useOutsideRun } from './api';

/** One text to copy, with its own button; says when the clipboard refused. */
function Copyable({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="copyable">
      <div className="button-row">
        <strong>{label}</strong>
        <button
          type="button"
          aria-label={`Copy ${label}`}
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied('Copied'),
              (e: unknown) => setCopied(`Could not copy (${e instanceof Error ? e.message : String(e)}): select the text and copy it`),
            )
          }
        >
          Copy
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
      <pre aria-label={label} tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}

/** "Run outside the app": the recipe file, its command line and the schedule as cron, systemd and Windows lines. */
export function RunOutside({ recipeId, scheduleId }: { recipeId: string; scheduleId: string }) {
  const outside = useOutsideRun(recipeId, scheduleId);
  if (outside.error) return <ErrorAlert error={outside.error} />;
  if (!outside.data) return <p role="status">Writing the recipe file…</p>;
  const o = outside.data;
  return (
    <div className="run-outside" role="group" aria-label="Run outside the app">
      <p className="muted">
        The recipe is written to {o.recipeFile}; NORTECH_API_URL and NORTECH_API_KEY give the command line its connection.
      </p>
      <Copyable label="Command line" text={o.command} />
      <Copyable label="Cron line" text={o.cron} />
      {o.systemd ? (
        <>
          <Copyable label="systemd timer" text={o.systemd.timer} />
          <Copyable label="systemd service" text={o.systemd.service} />
        </>
      ) : (
        <p className="muted">systemd’s calendar cannot say this cron expression: use the cron line.</p>
      )}
      {o.windows ? (
        <>
          <Copyable label="Windows Task Scheduler command" text={o.windows} />
          <p className="muted">Task Scheduler reads the time in the machine’s own zone.</p>
        </>
      ) : (
        <p className="muted">Task Scheduler has no such schedule: use an hourly, daily, weekly or monthly rule.</p>
      )}
    </div>
  );
}
