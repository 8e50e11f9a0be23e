import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathRedactor, redactEnvelope } from './redact-paths';

const data = join(homedir(), '.config', 'Signal Explorer');
const redact = pathRedactor([
  { path: join(data, 'cache'), label: '<cache>' },
  { path: data, label: '<data folder>' },
]);

describe('pathRedactor', () => {
  it('names our folders by a label and hides any other path of this machine', () => {
    expect(redact(`ENOENT: no such file or directory, open '${join(data, 'cache', 'exports', 'a.csv')}'`)).toBe(
      "ENOENT: no such file or directory, open '<cache>/exports/a.csv'",
    );
    expect(redact(`${join(data, 'history.json')} is damaged.`)).toBe('<data folder>/history.json is damaged.');
    expect(redact(`EACCES: open '${join(homedir(), 'Documents', 'x.csv')}'`)).toBe("EACCES: open '…'");
    expect(redact(`in ${join(tmpdir(), 'signal-explorer-cli-x', 'f.part')}: failed`)).toBe('in …: failed');
  });

  it('leaves URLs and words that only look alike', () => {
    const text = `the host https://files.example${tmpdir()}/x refused; ${tmpdir()}files is not ours`;
    expect(redact(text)).toBe(text);
  });

  it('redacts an error envelope, message, hint and fields; leaves values alone', () => {
    const path = join(data, 'selections.json');
    const answer = redactEnvelope(
      {
        ok: false,
        error: { kind: 'file', message: `${path} bad`, details: { hint: `move ${path}`, fields: [{ path: 'x', message: path }] } },
      },
      redact,
    );
    expect(JSON.stringify(answer)).not.toContain(data);
    expect(redactEnvelope({ ok: true, value: path }, redact)).toEqual({ ok: true, value: path });
    const entries = [{ id: 'a', savedPaths: [path], error: { kind: 'internal', message: `open '${path}'` } }];
    expect(redactEnvelope({ ok: true, value: entries }, redact)).toEqual({
      ok: true,
      value: [{ id: 'a', savedPaths: [path], error: { kind: 'internal', message: "open '<data folder>/selections.json'" } }],
    });
  });
});
