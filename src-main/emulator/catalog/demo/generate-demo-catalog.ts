/*
 * Writes resources/demo/catalog.json from the estate described in this folder.
 * Run after editing the estate: `npx tsx src-main/emulator/catalog/demo/generate-demo-catalog.ts`
 * The output is committed; the emulator only reads it, so the app ships no generator code path.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFileSchema } from '../catalog-schema';
import { buildCatalog } from '../load-catalog';
import { assignIds } from './demo-builders';
import { waterWorks } from './demo-water-works';
import { windFarm } from './demo-wind-farm';

export function demoCatalogFile(): unknown {
  return {
    version: 1,
    origin: '2025-01-01T00:00:00.000Z',
    createdAt: '2024-11-04T09:12:00.000Z',
    updatedAt: '2024-12-18T14:40:00.000Z',
    user: {
      username: 'demo.engineer@example.com',
      customerId: 10,
      customerName: 'Demo Energy & Water Ltd',
      roles: ['viewer', 'data-export'],
    },
    workspaces: assignIds([windFarm(), waterWorks()]),
  };
}

function main(): void {
  const file = catalogFileSchema.parse(demoCatalogFile());
  const catalog = buildCatalog(file); // also checks unique IDs and names
  const out = join(dirname(fileURLToPath(import.meta.url)), '../../../../resources/demo/catalog.json');
  // Write the input form (without zod defaults filled in) so the file stays as authored.
  writeFileSync(out, `${JSON.stringify(demoCatalogFile(), null, 1)}\n`);
  console.log(`Wrote ${out}: ${catalog.signalsById.size} signals`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
