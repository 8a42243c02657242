// The hold a move puts on token requests: closed until the last holder lets go, each release once.
import { describe, expect, it } from 'vitest';
import { RequestGate } from '../../../src/netatmo/token-gate.js';

describe('RequestGate', () => {
  it('waiters pass only after every hold ended; a release counts once', async () => {
    const gate = new RequestGate();
    await gate.passed();
    const first = gate.close();
    const second = gate.close();
    let passed = false;
    void gate.passed().then(() => (passed = true));
    first();
    first();
    await Promise.resolve();
    expect(passed).toBe(false);
    expect(gate.held).toBe(true);
    second();
    await gate.passed();
    expect(passed).toBe(true);
    expect(gate.held).toBe(false);
  });
});
