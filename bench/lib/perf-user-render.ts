/** The Markdown section for bench/results/perf-user.json: every figure beside its goal. */
import { describeMachine } from './machine.ts';
import type { CommandPair, UserPerfResults, UserSizeResult } from './perf-user-types.ts';
import { fixed, markdownTable } from './table.ts';

const papersText = (n: number) => n.toLocaleString('en-US');
const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : '**not met**');

function pairRow(size: UserSizeResult, pair: CommandPair): string[] {
  const goalApplies = pair.command.startsWith('similar') || pair.command.startsWith('stats');
  const met = Number.isFinite(pair.facet.wallMs) ? pair.facet.wallMs <= 1000 && pair.ratio <= 3 : null;
  return [
    papersText(size.papers),
    `\`facet ${pair.command}\``,
    `${fixed(pair.facet.wallMs, 0)} ms (cpu ${fixed(pair.facet.cpuS, 2)} s, RSS ${fixed(pair.facet.peakRssMiB, 0)} MiB)`,
    `${fixed(pair.plainLanceDb.wallMs, 0)} ms`,
    `${fixed(pair.ratio, 2)}x`,
    goalApplies ? `<= 3x and <= 1000 ms: ${verdict(met)}` : '(no goal; <= 1 s wanted)',
  ];
}

export function renderUserPerf(p: UserPerfResults): string {
  const out: string[] = [];
  out.push('## What a person waits for (npx tsx bench/perf-user.ts)');
  out.push('');
  out.push(`Date ${p.date}, commit \`${p.commit}\`, machine: ${describeMachine(p.machine)}. Model \`${p.model}\`; browser mode ran the ${p.serveEntry} server.`);
  out.push(`Load average (1 / 5 / 15 min) at the start ${p.loadAverage.start.join(' / ')}, at the end ${p.loadAverage.end?.join(' / ') ?? 'n/a'}: **the machine was shared and loaded**, so every absolute time here is inflated; paired figures ran back to back.`);
  out.push('');

  const largest = [...p.results].sort((a, b) => b.papers - a.papers)[0];
  const at100k = p.results.find((r) => r.papers === 100_000) ?? null;
  const goals: string[][] = [];
  goals.push([
    '`facet embed`, 50k digests, process start included',
    '>= 5,000 digests/s',
    p.embed ? `${fixed(p.embed.digestsPerSecond, 0)} digests/s (${papersText(p.embed.papers)} in ${fixed(p.embed.wallS, 1)} s, output ${fixed(p.embed.outputMiB, 0)} MiB)` : 'not measured',
    verdict(p.embed ? p.embed.digestsPerSecond >= 5000 : null),
  ]);
  for (const size of p.results) {
    for (const pair of size.cli.filter((c) => c.command.startsWith('similar') || c.command.startsWith('stats'))) {
      const met = Number.isFinite(pair.facet.wallMs) ? pair.facet.wallMs <= 1000 && pair.ratio <= 3 : null;
      goals.push([`\`facet ${pair.command.split(' ')[0]}\`, whole process, ${papersText(size.papers)} papers`, '<= 3x plain LanceDB script, <= 1 s', `${fixed(pair.facet.wallMs, 0)} ms, ${fixed(pair.ratio, 2)}x`, verdict(met)]);
    }
  }
  for (const size of p.results.filter((r) => r.inProcess)) {
    const aspects = Object.values(size.inProcess!.perAspect);
    const dense = Math.max(...aspects.map((a) => a.denseStore.p95));
    const hybrid = Math.max(...aspects.map((a) => a.hybridHandler.p95));
    const goalHere = size.papers === 100_000;
    goals.push([`\`similar\` in process, ${papersText(size.papers)}: dense p95 (worst aspect)`, goalHere ? '<= 20 ms' : '(goal at 100k)', `${fixed(dense, 1)} ms`, goalHere ? verdict(dense <= 20) : '']);
    goals.push([`\`similar\` in process, ${papersText(size.papers)}: hybrid p95 (worst aspect)`, goalHere ? '<= 50 ms' : '(goal at 100k)', `${fixed(hybrid, 1)} ms`, goalHere ? verdict(hybrid <= 50) : '']);
  }
  const imp = at100k?.import ?? null;
  goals.push(['100k import end to end (`facet import`, one process)', '<= 60 s', imp ? `${fixed(imp.wallS, 1)} s (cpu ${fixed(imp.cpuS, 1)} s)` : 'not measured', verdict(imp ? imp.wallS <= 60 : null)]);
  goals.push(['100k import peak RSS (/usr/bin/time)', '<= 600 MiB', imp ? `${fixed(imp.peakRssMiB, 0)} MiB` : 'not measured', verdict(imp && imp.peakRssMiB !== null ? imp.peakRssMiB <= 600 : null)]);
  const browser100k = at100k?.browser ?? null;
  goals.push(['browser mode, 100k papers: start to first painted row', '<= 1.5 s', browser100k ? `${fixed(browser100k.totalMs, 0)} ms` : 'not measured', verdict(browser100k ? browser100k.totalMs <= 1500 : null)]);
  out.push('### Goals');
  out.push('');
  out.push(markdownTable(['figure', 'goal', 'measured', 'verdict'], goals));
  out.push('');

  out.push('### Whole-process commands, paired with a plain-Node LanceDB script');
  out.push('');
  out.push(markdownTable(['papers', 'command', 'facet (median)', 'plain LanceDB (median)', 'ratio', 'goal'], p.results.flatMap((size) => size.cli.map((pair) => pairRow(size, pair)))));
  const failures = p.results.flatMap((size) => size.cli.flatMap((pair) => [...pair.facet.failures, ...pair.plainLanceDb.failures]));
  if (failures.length > 0) out.push(`\nFailed runs (left out of the medians): ${failures.join('; ')}`);
  out.push('');

  out.push('### Import, server start, browser first paint');
  out.push('');
  out.push(
    markdownTable(
      ['papers', 'import (one process)', 'import peak RSS', 'on disk', 'server start to HTTP 200', 'browser: spawn to first paint', 'of which server ready'],
      p.results.map((size) => [
        papersText(size.papers),
        size.import ? `${fixed(size.import.wallS, 1)} s` : '-',
        size.import ? `${fixed(size.import.peakRssMiB, 0)} MiB` : '-',
        size.import ? `${fixed(size.import.diskMiB, 0)} MiB` : '-',
        size.serverStart ? `${fixed(size.serverStart.httpOkMs, 0)} ms` : 'not measured',
        size.browser ? `${fixed(size.browser.totalMs, 0)} ms (${size.browser.painted.includes('empty') ? 'empty state' : 'first row'})` : 'not measured',
        size.browser ? `${fixed(size.browser.serverReadyMs, 0)} ms` : '',
      ]),
    ),
  );
  out.push('');

  const withSimilar = p.results.filter((r) => r.inProcess);
  if (withSimilar.length > 0) {
    out.push('### `similar` in process, p50 / p95 ms (k = 10)');
    out.push('');
    out.push(
      markdownTable(
        ['papers', 'aspect', 'hybrid handler (app)', 'dense store', 'raw LanceDB ANN', 'flat scan'],
        withSimilar.flatMap((size) =>
          Object.entries(size.inProcess!.perAspect).map(([aspect, a]) => [
            papersText(size.papers),
            aspect,
            `${fixed(a.hybridHandler.p50, 1)} / ${fixed(a.hybridHandler.p95, 1)}`,
            `${fixed(a.denseStore.p50, 1)} / ${fixed(a.denseStore.p95, 1)}`,
            `${fixed(a.rawLanceDb.p50, 1)} / ${fixed(a.rawLanceDb.p95, 1)}`,
            `${fixed(a.flatScan.p50, 1)} / ${fixed(a.flatScan.p95, 1)}`,
          ]),
        ),
      ),
    );
    out.push('');
    const first = (s: UserSizeResult) =>
      s.inProcess!.firstFromSnapshotMs === undefined
        ? `${papersText(s.papers)} papers ${fixed(s.inProcess!.firstHandlerMs, 0)} ms`
        : `${papersText(s.papers)} papers ${fixed(s.inProcess!.firstHandlerMs, 0)} ms without the lexical snapshot, ${fixed(s.inProcess!.firstFromSnapshotMs, 0)} ms loading it`;
    out.push(`First papers.similar after opening (builds the in-memory lexical index, or loads its snapshot): ${withSimilar.map(first).join('; ')}.`);
    out.push('');
  }
  if (largest && p.notMeasured.length > 0) {
    out.push('Not measured in this run:');
    out.push('');
    for (const line of p.notMeasured) out.push(`- ${line}`);
    out.push('');
  }
  out.push('Notes:');
  out.push('');
  for (const note of p.notes) out.push(`- ${note}`);
  out.push('');
  return out.join('\n');
}
