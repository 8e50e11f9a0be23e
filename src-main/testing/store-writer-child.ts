/**
 * A child process that writes to a data folder's stores as a host does: once it reads "go" on
 * stdin, N `selections.save` calls at once, then prints how many were answered ok. For the
 * concurrent-writers test (storage/concurrent-writers.test.ts).
 *   node --import tsx src-main/testing/store-writer-child.ts DATA_DIR N TAG
 */
import { once } from 'node:events';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';
import { selectionHandlers } from '../selections/service';

const [dataDir, count, tag] = process.argv.slice(2) as [string, string, string];
const handlers = selectionHandlers(dataDir);
const signal = testSelectedSignal({ id: 7, rename: 'inlet_flow' });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const saves = Array.from({ length: Number(count) }, (_, i) =>
  handlers['selections.save'](
    {
      name: `${tag} ${i}`,
      connectionId: 'demo',
      signals: [signal],
      window: { start: 'now-1h', end: 'now', timeZone: 'UTC' },
      format: 'csv',
    },
    { transport: 'ipc' },
  ),
);
const results = await Promise.allSettled(saves);
for (const r of results) if (r.status === 'rejected') process.stderr.write(`${String(r.reason)}\n`);
process.stdout.write(`ok ${results.filter((r) => r.status === 'fulfilled').length}\n`);
const kept = await handlers['selections.list'](undefined, { transport: 'ipc' });
process.stdout.write(`kept ${kept.map((s) => s.name).join(', ')}\n`);
process.exit(0);
