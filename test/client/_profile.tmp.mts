import { generateDiagram } from '../../bench/client.ts';
import { launchPlayground } from '../support/playground-browser.ts';

const playground = await launchPlayground();
try {
  await playground.importXML(generateDiagram());
  const cdp = await playground.page.context().newCDPSession(playground.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let run = 0; run < 20; run++) {
    await playground.page.evaluate(async taskId => {
      const p = window.catalystPlayground;
      p.get('selection').select(null);
      await new Promise(resolve => setTimeout(resolve, 30));
      p.get('selection').select(p.get('elementRegistry').get(taskId));
      await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }, `Task_${(run * 370) % 2000}`);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n: any) => [ n.id, n ]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) || 0) + (dt[i] || 0)));
  const agg = new Map<string, number>();
  for (const [ id, t ] of self) {
    const n: any = byId.get(id);
    const url = (n.callFrame.url || '').split('/').pop();
    const key = `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    agg.set(key, (agg.get(key) || 0) + t);
  }
  // aggregate by file too
  const byFile = new Map<string, number>();
  for (const [ id, t ] of self) { const n: any = byId.get(id); const url = (n.callFrame.url || n.callFrame.functionName).split('/').pop(); byFile.set(url, (byFile.get(url) || 0) + t); }
  console.log([ ...byFile ].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
  console.log('--');
  console.log([ ...agg ].sort((a, b) => b[1] - a[1]).filter(([k]) => k.includes('client.js')).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
} finally {
  await playground.close();
}
