export const USAGE = `Signal Explorer on the command line

  npm run cli -- export --start TIME [--end TIME] (--signal-id N | --signal PATH | --signals-file F.json)...
                        --output FILE.(parquet|csv|json|xlsx) [options]
  npm run cli -- plan   --start TIME [--end TIME] (--signal-id N | ...)... --output PLAN.json
  npm run cli -- export --plan PLAN.json --shard I/N --layout dataset --output DIR
  npm run cli -- export --plan PLAN.json --shard auto [--shards N] --layout dataset --output s3://BUCKET/PREFIX/
  npm run cli -- run RECIPE.json|FILE.export.json... [--now ISO] [--overwrite]
  npm run cli -- list [WORKSPACE [ASSET [DIVISION [UNIT]]]]
  npm run cli -- time EXPR [--now ISO] [--tz ZONE] [--week-start DAY] [--end]

Connection (defaults from NORTECH_API_URL / NORTECH_API_KEY):
  --api-url URL          Nortech API base URL (default https://api.apps.nor.tech)
  --api-key KEY          API key (prefer the environment variable: command lines are visible to others)

Export:
  --signal-id N          a signal by ID (repeatable); its column is named by the ID
  --signal PATH          'Workspace/Asset/Division/Unit/Signal' (repeatable; five non-empty names)
  --signals-file F.json  the API's own "signals" array: IDs, or search JSON with "rename"
  --signals-json JSON    the same array, inline
  --start TIME, --end TIME
                         the window (see Times below; end defaults to now): --start now-1d/d
                         --end now-1d/d is all of yesterday in --tz
  --format F             what Nortech is asked for: parquet (default), csv or json
  --output FILE          where to save; its extension is the saved format (converted if it differs)
  --overwrite            replace FILE if it exists (otherwise the command refuses and leaves it alone)
  --append               a dataset beside another export's in the same folder (refused where their UTC days overlap)
  --tz ZONE              IANA time zone for csv/json/xlsx timestamps and --every buckets (default UTC)
  --local-time           add a column with the wall-clock time in --tz
  --excel LOCALE         csv for Excel in this locale (e.g. de-DE): BOM, its separator and decimal mark
  --every INTERVAL       one row per interval (10s, 1m, 15m, 1h, 8h, 1d…) on the wall clock of --tz;
                         the window is widened to whole intervals; empty intervals have no row
  --agg FNS              with --every: mean (default), min, max, first, last, count, sum, comma-separated;
                         columns are named <column>_<fn>
  --derive NAME=EXPR     a derived column (repeatable, in order), e.g. "avg=rolling_mean(temp, 10m)";
                         the language: src-preload/contract/derive/README.md
  --condition NAME=EXPR  a condition (repeatable), e.g. "hot=temp > 80 for >= 5m"
  --condition-stats NAME=COLUMN
                         each period of condition NAME gives min, max and mean of COLUMN
  --conditions-output FILE
                         the conditions' periods, one row each (.parquet, .csv, .json or .xlsx)
  --timeout SECONDS      how long to wait for Nortech to prepare one chunk (default 900)
  --download-timeout SECONDS
                         how long the download of one chunk may take in all, retries included
                         (default 1800: 30 min)

Times (--start, --end, and \`time EXPR\`; Grafana's language, with Elasticsearch's anchors):
  now, now-24h, now-7d+6h  steps: s m h d w M y (M months, m minutes); d, w, M, y follow the calendar
                         of --tz (a day across a DST change is 23 or 25 hours; now-1M on 31 March is
                         the last day of February)
  now/d, now-1d/d, now/w+8h
                         /u rounds to the start of the unit, anywhere; in an --end it goes to the
                         end of the unit, as Grafana's roundUp. Windows are half-open [start, end):
                         a rounded end is the first instant of the next unit (Grafana's 23:59:59.999
                         plus 1 ms), so no instant is in two consecutive windows
  2024-03-01T06:00Z, 2024-03-01 06:00
                         ISO 8601; a time without offset is read in --tz
  2024-03-01T00:00Z||+1M/d an ISO anchor, then steps after "||"
  --now ISO              the instant "now" stands for (export, plan, time): runs are reproducible
  --week-start DAY       the day weeks start on for /w: monday (default), sunday, saturday…
  time EXPR              prints what EXPR resolves to, ISO 8601 in UTC, and exits 0 (2 with the
                         bad character pointed at); --end resolves it as Grafana's end:
                         time now/d --end is 23:59:59.999 of today in --tz

Chunks (an export is a plan of time slices, asked for a few at a time and written in order):
  --concurrency N        chunks in flight at once (1-8, default 3)
  --target-rows N        rows a chunk aims at (default: about 20 M values, 2 M rows of 10 signals);
                         a chunk Nortech times out on is halved and asked again, down to a minute
  --resume               go on from an interrupted export of the same command: chunks already done
                         (kept in .FILE.parts beside the output) are never asked for again
  --layout dataset       a folder of Hive-partitioned parquet files (date=YYYY-MM-DD/part-NNNN.parquet,
                         UTC days) plus export.json, read by DuckDB, Polars or Spark as one table
  --plan PLAN.json       run the chunks planned by \`plan\` (signals and window come from it)
  --shard I/N            with --plan and --layout dataset: run chunks I, I+N, I+2N… (I from 0), so that
                         N processes, on any machines, fill one dataset folder
  --shard auto           I and N from the batch scheduler: Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX),
                         AWS Batch arrays (AWS_BATCH_JOB_ARRAY_INDEX), Slurm arrays (SLURM_ARRAY_TASK_ID,
                         _MIN, _COUNT); a retried task goes on from what it left (as --resume)
  --shards N             with --shard auto: the array's size, where the scheduler does not say it
                         (a Kubernetes Job's completions; AWS Batch's array size)
  --output s3://BUCKET/PREFIX/
                         with --layout dataset: the dataset in S3, each object complete or absent, each
                         shard's record last; a finished shard run again asks nothing; credentials from
                         the AWS chain (AWS_ACCESS_KEY_ID…, AWS_PROFILE, instance or pod role)
  --s3-endpoint URL      an S3-compatible store (MinIO, Ceph, R2): http(s)://host:port

Recipes (an export saved to run again: signals, the window as written, format, values, output):
  --save-recipe FILE     with export: write the export as a recipe instead of running it; the name of
                         --output may hold the window's dates: press-{start:yyyy-MM-dd}.parquet
                         ({start:…}, {end:…} the instant after the window, {last:…} its last ms;
                         yyyy MM dd HH mm ss on the wall clock of --tz)
  run RECIPE...          run each recipe (or any export's .export.json record: for its relative
                         window when it was relative) at --now (ISO, UTC without an offset); an
                         output whose export record matches is skipped and said so
  --overwrite            with run: make matching outputs again, and replace ones that do not match

Logging (every command):
  --log-file FILE        JSON lines of what happened (each API call and error, chunk retries, the
                         outcome), appended; rotated at 5 MB, 5 files kept; no key or token in it
  --verbose, -v          the same lines, readable, on stderr

On success the saved path is printed alone on stdout; progress goes to stderr. In scripts use
\`npm run -s cli -- ...\` (without -s npm prints its own banner on stdout first). Beside the file,
FILE.export.json records the request, every chunk with its request IDs, rows, time range and SHA-256.

Exit codes: 0 saved; 1 other failure (a full disk among them); 2 bad usage or validation (local,
or the API's 400; an interrupted export found without --resume; Excel's row limit); 3 unauthorized;
4 signals or data not found; 5 the data request failed or timed out on the server (even for a
minute); 6 a download failed (or took longer than --download-timeout); 130 cancelled (Ctrl-C; its
chunks are kept for --resume; a second Ctrl-C ends at once). A partial file is never left at --output.
`;
