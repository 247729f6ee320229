import { describe, expect, it } from 'vitest';
import { mergeOver, substitute, withParameters } from './imports.js';
import { dig, parseTree, text, TreeError, truthy, type LNode } from './tree.js';

/** Plain values of a located tree, for comparisons. */
function plain(node: LNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries([...node.entries].map(([k, e]) => [k, plain(e.value)]));
}

const treeError = (f: () => unknown): TreeError => {
  try {
    f();
  } catch (err) {
    if (err instanceof TreeError) return err;
    throw err;
  }
  throw new Error('expected a TreeError');
};

describe('located YAML trees with YAML 1.1 merge keys', () => {
  const doc = `base: &base
  a: 1
  b: 2
more: &more
  b: 20
  c: 30
one:
  <<: *base
  a: 10
many:
  <<: [*base, *more]
  d: 4
nested: &nested
  <<: *base
  n: true
outer:
  <<: *nested
`;

  it('resolves merges: written keys win, the first merged mapping wins, nested merges carry through', () => {
    const t = parseTree('d.yml', doc);
    expect(plain(dig(t, 'one'))).toEqual({ a: 10, b: 2 });
    expect(plain(dig(t, 'many'))).toEqual({ d: 4, a: 1, b: 2, c: 30 });
    expect(plain(dig(t, 'outer'))).toEqual({ n: true, a: 1, b: 2 });
  });

  it('remembers where each value was written, and which << brought a merged one in', () => {
    const t = parseTree('d.yml', doc);
    const one = dig(t, 'one');
    const b = one?.kind === 'map' ? one.entries.get('b') : undefined;
    expect(b?.keyAt).toEqual({ file: 'd.yml', line: 3, column: 3 });
    expect(b?.via).toEqual({ file: 'd.yml', line: 8, column: 3 });
    const a = one?.kind === 'map' ? one.entries.get('a') : undefined;
    expect([a?.keyAt.line, a?.via]).toEqual([9, undefined]);
    // Through two levels of merges, the place to change is the outermost <<.
    const outer = dig(t, 'outer');
    expect(outer?.kind === 'map' ? outer.entries.get('a')?.via?.line : 0).toBe(17);
  });

  it.each([
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 'duplicate-key', 3],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n', 'yaml-syntax', 3],
    ['an unknown anchor', 'a:\n  <<: *nope\n', undefined, 2],
    ['a merge of a list', 'l: &l [1, 2]\nm:\n  <<: *l\n', 'yaml-bad-merge', 1],
  ])('stops at %s with file, line and a hint', (_name, source, code, line) => {
    const err = treeError(() => parseTree('bad.yml', source));
    if (code) expect(err.diagnostic.code).toBe(code);
    expect(err.diagnostic.line).toBe(line);
    expect(err.diagnostic.file).toBe('bad.yml');
    expect(err.diagnostic.hint?.length).toBeGreaterThan(10);
  });

  it('reads conditions the way PHP does: a quoted "false" is true', () => {
    const t = parseTree('d.yml', "a: false\nb: 'false'\nc: 0\nd: '0'\ne: ''\nf: yes\ng:\nh: [x]\n");
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => truthy(dig(t, k)))).toEqual([false, true, false, false, false, true, false, true]);
    expect(text(dig(t, 'f'))).toBe('yes');
  });
});

describe('imports: parameters and merging under the importing file', () => {
  it('substitutes %name% like the Docker SDK: the first placeholder of a string, every occurrence of it', () => {
    expect(substitute('de.%domain%', { domain: 'shop.com' })).toBe('de.shop.com');
    expect(substitute('%a%-%a%', { a: 'x' })).toBe('x-x');
    expect(substitute('%a%.%b%', { a: 'x', b: 'y' })).toBe('x.%b%');
    expect(substitute('%missing%', { a: 'x' })).toBe('%missing%');
  });

  it('replaces parameters in keys and values, keeping positions', () => {
    const t = withParameters(parseTree('t.yml', "'www.%domain%':\n  store: '%store%'\n"), { domain: 'shop.com', store: 'DE' });
    expect(plain(t)).toEqual({ 'www.shop.com': { store: 'DE' } });
    expect(t.kind === 'map' ? t.entries.get('www.shop.com')?.keyAt.line : 0).toBe(1);
  });

  it('merges like array_replace_recursive(imported, importing): maps by key, lists by index, the importing file winning', () => {
    const high = parseTree('main.yml', 'a: {x: 1}\nl: [m]\ns: main\nn:\n');
    const low = parseTree('tpl.yml', 'a: {x: 9, y: 2}\nl: [t1, t2]\ns: tpl\nn: {k: v}\nonly: here\n');
    expect(plain(mergeOver(high, low))).toEqual({ a: { x: 1, y: 2 }, l: ['m', 't2'], s: 'main', n: null, only: 'here' });
    const merged = mergeOver(high, low);
    expect(merged.kind === 'map' ? merged.entries.get('only')?.keyAt.file : '').toBe('tpl.yml');
  });
});
