import { spawn } from 'node:child_process';
import { startEngineServer } from '../test/worker/support/engine-server';
import { startWorker, WORKER_DEFAULTS } from '../worker';
import { executeTask } from '../runtime/execute';
const SRC = `const http=require('node:http');const A=JSON.stringify({id:'x',object:'chat.completion',created:1,model:'bench',choices:[{index:0,message:{role:'assistant',content:'A'},finish_reason:'stop'}],usage:{prompt_tokens:1,completion_tokens:1,total_tokens:2}});
const s=http.createServer((q,r)=>{q.resume();q.on('end',()=>setTimeout(()=>{r.writeHead(200,{'Content-Type':'application/json','Content-Length':Buffer.byteLength(A)});r.end(A)},200))});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>process.stdout.write(s.address().port+'\\n'));`;
const child = spawn(process.execPath, [ '-e', SRC ], { stdio: [ 'ignore', 'pipe', 'inherit' ] });
const port = await new Promise<string>(r => child.stdout!.once('data', d => r(String(d).trim())));
const modelUrl = `http://127.0.0.1:${port}/v1/chat/completions`;
const engine = await startEngineServer();
const execMs: number[] = []; const done: number[] = [];
const t0 = performance.now();
const worker = startWorker({ ...WORKER_DEFAULTS, engineUrl: engine.url, auth: { type: 'none' }, workerId: 'p', maxTasks: 200 }, {
  secrets: { locate: (source: any, name: any) => ({ source, name, description: '' }), read: async () => 'k' },
  write: () => {},
  execute: async (c, o) => { const s = performance.now(); const r = await executeTask(c, o); execMs.push(performance.now() - s); done.push(performance.now() - t0); return r; }
});
await engine.waitForCall('fetchAndLock');
const props = { 'catalyst.provider': 'openai-compatible', 'catalyst.url': modelUrl, 'catalyst.secretSource': 'env', 'catalyst.secretName': 'k', 'catalyst.payload': '{"model":"bench","messages":[{"role":"user","content":"${userMessage}"}]}', 'catalyst.retries': '0' };
const N = Number(process.argv[2] ?? 400);
const ta = performance.now();
for (let i = 0; i < N; i++) engine.addTask({ variables: { userMessage: { type: 'String', value: 'hi' } }, extensionProperties: props });
console.log('addTask ms', (performance.now() - ta).toFixed(0));
while (engine.callsTo('complete').length < N) await new Promise(r => setTimeout(r, 5));
console.log('took', (performance.now() - ta).toFixed(0));
const sorted = [ ...execMs ].sort((a, b) => a - b);
console.log('exec ms median', sorted[sorted.length >> 1].toFixed(0), 'max', sorted[sorted.length - 1].toFixed(0));
console.log('fetch at', engine.calls.filter(c => c.endpoint === 'fetchAndLock').map(c => (c.at - engine.calls[0].at)).join(' '));
worker.abort(); await worker.stop(); await engine.close(); child.kill();
