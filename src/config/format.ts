// The text printed when the configuration is refused: every problem, then where to fix them.
export function formatConfigProblems(problems: readonly string[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${problem}`);
  return [
    `The configuration has ${count}, so the bridge did not start:`,
    ...lines,
    'Fix them in .env or the environment; .env.example documents every setting.',
  ].join('\n');
}
