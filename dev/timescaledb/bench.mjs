// Rough measurements: start-up time, RSS, and INSERT ... SELECT FROM unnest(...) rate via `pg`.
// Usage: node bench.mjs [--data memory://|<dir>] [--batches 20] [--batch-size 10000]
import fs from 'node:fs';
import pg from 'pg';
import { startServer, pgConfig } from './test/helpers.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) => (i % 2 ? acc : [...acc, [v.replace(/^--/, ''), all[i + 1]]]), []));
const data = args.data ?? 'memory://';
const batches = Number(args.batches ?? 20);
const batchSize = Number(args['batch-size'] ?? 10000);
const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

const t0 = performance.now();
const srv = await startServer(['--data', data]);
const startMs = performance.now() - t0;
console.log(`start-up to ready line: ${Math.round(startMs)} ms, RSS after start: ${rssMb(srv.proc.pid)} MB (data=${srv.data})`);

const c = new pg.Client(pgConfig(srv));
await c.connect();
await c.query('DROP TABLE IF EXISTS bench CASCADE');
await c.query('CREATE TABLE bench (ts timestamptz NOT NULL, series bigint NOT NULL, value float8 NOT NULL)');
await c.query("SELECT create_hypertable('bench', 'ts', chunk_time_interval => interval '1 day')");
const base = Date.parse('2024-01-01T00:00:00Z');
let total = 0;
const t1 = performance.now();
for (let b = 0; b < batches; b++) {
  const ts = new Array(batchSize);
  const series = new Array(batchSize);
  const values = new Array(batchSize);
  for (let i = 0; i < batchSize; i++) {
    const n = b * batchSize + i;
    ts[i] = new Date(base + n * 1000).toISOString();
    series[i] = String(n % 100);
    values[i] = n * 0.5;
  }
  await c.query({
    name: 'ins',
    text: 'INSERT INTO bench SELECT * FROM unnest($1::timestamptz[], $2::bigint[], $3::float8[])',
    values: [ts, series, values],
  });
  total += batchSize;
}
const secs = (performance.now() - t1) / 1000;
console.log(`unnest insert: ${total} rows in ${secs.toFixed(2)} s = ${Math.round(total / secs)} rows/s (batches of ${batchSize}); RSS now ${rssMb(srv.proc.pid)} MB`);
await c.end();
const { code } = await srv.stop();
if (code !== 0) process.exitCode = 1;
