export const USAGE = `Signal Explorer on the command line

  npm run cli -- export --start TIME [--end TIME] (--signal-id N | --signal PATH | --signals-file F.json)...
                        --output FILE.(parquet|csv|json) [options]
  npm run cli -- list [WORKSPACE [ASSET [DIVISION [UNIT]]]]

Connection (defaults from NORTECH_API_URL / NORTECH_API_KEY):
  --api-url URL          Nortech API base URL (default https://api.apps.nor.tech)
  --api-key KEY          API key (prefer the environment variable: command lines are visible to others)

Export:
  --signal-id N          a signal by ID (repeatable); its column is named by the ID
  --signal PATH          'Workspace/Asset/Division/Unit/Signal' (repeatable; five non-empty names)
  --signals-file F.json  the API's own "signals" array: IDs, or search JSON with "rename"
  --start TIME, --end TIME
                         ISO 8601 (2024-03-01T06:00Z), or relative: now, now-24h, now-7d, now-1d+6h
                         (end defaults to now; a time without offset is read in --tz)
  --format F             what Nortech is asked for: parquet (default), csv or json
  --output FILE          where to save; its extension is the saved format (converted if it differs)
  --overwrite            replace FILE if it exists (otherwise the command refuses and leaves it alone)
  --tz ZONE              IANA time zone for csv/json timestamps (ISO 8601 with offset; default UTC)
  --local-time           add a column with the wall-clock time in --tz
  --excel LOCALE         csv for Excel in this locale (e.g. de-DE): BOM, its separator and decimal mark
  --timeout SECONDS      how long to wait for Nortech to prepare the data (default 900)
  --download-timeout SECONDS
                         how long the download of the data may take in all, retries included
                         (default 1800: 30 min)

On success the saved path is printed alone on stdout; progress goes to stderr. In scripts use
\`npm run -s cli -- ...\` (without -s npm prints its own banner on stdout first). Beside the file,
FILE.export.json records the request, request ID, rows, time range and SHA-256.

Exit codes: 0 saved; 1 other failure (a full disk among them); 2 bad usage or validation (local,
or the API's 400); 3 unauthorized; 4 signals or data not found; 5 the data request failed or timed
out on the server; 6 the download failed (or took longer than --download-timeout); 130 cancelled
(Ctrl-C; a second Ctrl-C ends at once). A partial file is never left at --output.
`;
