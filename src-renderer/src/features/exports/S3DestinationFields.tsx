import { S3Endpoint, S3Region, S3Url, type AppErrorData } from '../../../../src-preload/contract';
import { Field } from '../../ui/Field';

/** "Save to S3": where, as typed (the endpoint and region may stay empty: AWS, and its chain's region). */
export interface S3Destination {
  url: string;
  endpoint: string;
  region: string;
}

export type S3Issues = Partial<Record<keyof S3Destination, string>>;

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? undefined : r.error?.issues[0]?.message;

/** Checked with the contract's own schemas as the user types: the main process would refuse the same. */
export function s3Issues(d: S3Destination): S3Issues {
  const url = d.url.trim();
  const issues: S3Issues = {
    url: url === '' ? 'Required: s3://bucket/prefix/' : firstIssue(S3Url.safeParse(url)),
    endpoint: d.endpoint.trim() === '' ? undefined : firstIssue(S3Endpoint.safeParse(d.endpoint.trim())),
    region: d.region.trim() === '' ? undefined : firstIssue(S3Region.safeParse(d.region.trim())),
  };
  return Object.fromEntries(Object.entries(issues).filter(([, v]) => v)) as S3Issues;
}

/** The main process's refusal of a field (its schema, or a future rule), put beside that field. */
export const refusedFields = (details: AppErrorData['details'] | undefined): S3Issues =>
  Object.fromEntries((details?.fields ?? []).filter((f) => ['url', 'endpoint', 'region'].includes(f.path)).map((f) => [f.path, f.message]));

interface Props {
  value: S3Destination;
  onChange(next: S3Destination): void;
  /** Shown once the user has typed in the field, or tried to save. */
  issues: S3Issues;
  shown: Partial<Record<keyof S3Destination, boolean>>;
  onBlur(field: keyof S3Destination): void;
}

export function S3DestinationFields({ value, onChange, issues, shown, onBlur }: Props) {
  const field = (name: keyof S3Destination, label: string, placeholder: string) => (
    <Field label={label} error={shown[name] ? issues[name] : undefined} hintId="s3-hint">
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder}
          value={value[name]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => onChange({ ...value, [name]: e.target.value })}
          onBlur={() => onBlur(name)}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="layout-field">
      <legend>S3 bucket</legend>
      {field('url', 'S3 URL', 's3://bucket/prefix/')}
      {field('endpoint', 'Endpoint (optional, for MinIO, Ceph, R2…)', 'https://minio.example.com:9000')}
      {field('region', 'Region (optional)', 'eu-west-1')}
      <p id="s3-hint" className="muted small">
        A dataset: date=YYYY-MM-DD/part-NNNN.parquet objects (UTC days), then export.json. Credentials come from the AWS environment or
        profile of the app, as for the command line; they are never typed here.
      </p>
    </fieldset>
  );
}
