// Small units (docs/architecture.md): no file of src/ over 300 lines, no function over 60 lines
// (arrow functions, methods and accessors included), measured with TypeScript's own parser.
import { describe, expect, it } from 'vitest';
import { functionLengths, readSourceTree } from './source-tree.js';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

const files = readSourceTree();
const functions = files.flatMap((file) => functionLengths(file).map((fn) => ({ ...fn, key: `${file.name}:${fn.name}` })));

describe('size of the units of src/', () => {
  it('measures every function (the scan is not empty)', () => {
    expect(functions.length).toBeGreaterThan(1000);
    expect(functions.find((fn) => fn.key === 'welcome.ts:welcomeLines')?.lines).toBeGreaterThan(10);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    expect(files.filter((f) => f.lines > MAX_FILE_LINES).map((f) => `src/${f.name}: ${f.lines} lines`)).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = functions.filter((fn) => fn.lines > MAX_FUNCTION_LINES);
    expect(long.map((fn) => `${fn.where} ${fn.name}: ${fn.lines} lines`)).toEqual([]);
  });
});
