/**
 * Browser-mode server start: from spawning the server (as `npm run serve` starts it) on an existing
 * library until its page answers HTTP 200, polled every 10 ms after the address is printed.
 */
import { startServer, stopServer } from './cold-start.ts';
import { median } from './latency.ts';

export interface ServerStartPerf {
  papers: number;
  /** Spawn to the first 200 of the page's address, median of `runs`. */
  httpOkMs: number;
  runs: number[];
}

async function firstOk(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function measureServerStart(dataDir: string, modelDir: string, papers: number, runs: number, log: (line: string) => void): Promise<ServerStartPerf> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const server = startServer(dataDir, modelDir);
    try {
      const url = await server.url;
      await firstOk(url, started + 120_000);
      times.push(performance.now() - started);
      log(`  server start to HTTP 200, ${papers} papers, run ${run + 1}: ${times[times.length - 1]!.toFixed(0)} ms`);
    } finally {
      await stopServer(server.child);
    }
  }
  return { papers, httpOkMs: median(times), runs: times };
}
