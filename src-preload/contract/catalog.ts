import { z } from 'zod';
import { call } from './define';
import { ConnectionId } from './connections';
import { boundedText, LIMITS, oneLine } from './bounds';

export const DataType = z.enum(['float', 'boolean', 'string', 'json']);
export type DataType = z.infer<typeof DataType>;

/** A name in the catalog: one line, whole characters (it goes into API paths), bounded. */
export const CatalogName = oneLine(LIMITS.name);

const Ref = z.object({ id: z.number().int().positive(), name: CatalogName });

/** A signal with where it lives: enough to show it, request it, and describe its column. */
export const Signal = z.object({
  id: z.number().int().positive(),
  name: CatalogName,
  physicalUnit: oneLine(LIMITS.physicalUnit),
  dataType: DataType,
  description: boundedText(LIMITS.description),
  longDescription: boundedText(LIMITS.longDescription),
  workspace: Ref,
  asset: Ref,
  division: Ref,
  unit: Ref,
});
export type Signal = z.infer<typeof Signal>;

export const Level = z.enum(['workspace', 'asset', 'division', 'unit', 'signal']);
export type Level = z.infer<typeof Level>;

/** Names from the workspace down: [] is the root, [workspace, asset] lists that asset's divisions. */
export const TreePath = z.array(CatalogName.min(1, 'A name is required')).max(4);
export type TreePath = z.infer<typeof TreePath>;

export const TreeNode = z.object({
  level: Level,
  id: z.number().int().positive(),
  name: z.string(),
  /** Names from the workspace down to and including this node. */
  path: z.array(z.string()),
  description: z.string().optional(),
  /** Present on signals. */
  signal: Signal.optional(),
});
export type TreeNode = z.infer<typeof TreeNode>;

export const catalogCalls = {
  'catalog.children': call(
    'The children of a node of the tree (every page): workspaces for [], signals for a unit.',
    z.object({ connectionId: ConnectionId, path: TreePath }),
    z.array(TreeNode),
  ),
  'catalog.search': call(
    'Signals of a workspace whose name, description or physical unit contains the query (case-insensitive).',
    z.object({
      connectionId: ConnectionId,
      workspaceId: z.number().int().positive(),
      query: oneLine(200).trim().min(1),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.object({ items: z.array(Signal), total: z.number().int() }),
  ),
  'catalog.signal': call('One signal with its details.', z.object({ connectionId: ConnectionId, id: z.number().int().positive() }), Signal),
};
