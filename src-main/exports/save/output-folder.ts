import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../errors/app-error';
import { diskFullError, isDiskFull } from '../../errors/disk-full';

/*
 * Before anything is asked of Nortech: can the file be saved where the user said? The folder must
 * exist, be a folder, and take a new file. The last is tried, not guessed from permission bits
 * (root, read-only mounts, network shares and ACLs all defeat access()): a temporary file is
 * created beside the target under the name atomic-save would use, and removed.
 */

const invalid = (message: string, field: string, hint: string) =>
  new AppError('validation', message, { fields: [{ path: 'output', message: field }], hint });

/** Throws a `validation` AppError (a full disk: `file`, target) when `dest` cannot be saved. */
export async function checkOutputFolder(dest: string): Promise<void> {
  const folder = dirname(dest);
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw invalid(
      `The folder ${folder} cannot be read (${error.code ?? error.message}).`,
      'Cannot read this folder',
      'Choose another folder.',
    );
  });
  if (!info) throw invalid(`The folder ${folder} does not exist.`, 'No such folder', 'Create it first, or choose an existing folder.');
  if (!info.isDirectory()) throw invalid(`${folder} is not a folder.`, 'Not a folder', 'Choose a folder for the file.');

  const probe = join(folder, `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError('target', `${basename(dest)} could not be saved there`);
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      `Signal Explorer may not write to ${folder} (${code ?? (error as Error).message}).`,
      'Cannot write to this folder',
      'Choose a folder you may write to.',
    );
  }
  await rm(probe, { force: true });
}
