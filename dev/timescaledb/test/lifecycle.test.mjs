// Start-up, shutdown and persistence of a file-backed data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, pgConfig } from './helpers.mjs';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server.mjs');

test('data survives SIGTERM and restart; port and data directory conflicts fail clearly', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-tsdb-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const first = await startServer(['--data', dir]);
  assert.equal(first.data, dir);
  let c = new pg.Client(pgConfig(first));
  await c.connect();
  await c.query('CREATE TABLE kept (ts timestamptz NOT NULL, v float8)');
  await c.query("SELECT create_hypertable('kept', 'ts')");
  await c.query("INSERT INTO kept SELECT now() - i * interval '1 minute', i FROM generate_series(1, 500) i");
  await c.query('CREATE TABLE dropped (ts timestamptz NOT NULL, v float8)');
  await c.query("SELECT create_hypertable('dropped', 'ts')");
  await c.query('INSERT INTO dropped VALUES (now(), 1)');
  await c.end();

  // the same data directory cannot be served twice
  const dup = spawnSync(process.execPath, [SERVER, '--port', '0', '--data', dir], { encoding: 'utf8', timeout: 60000 });
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr, /in use by process/);
  assert.doesNotMatch(dup.stdout, /ready/);

  // the same port cannot be used twice
  const busy = spawnSync(process.execPath, [SERVER, '--port', String(first.port), '--data', 'memory://'], { encoding: 'utf8', timeout: 60000 });
  assert.notEqual(busy.status, 0);
  assert.match(busy.stderr, /address already in use/);

  const { code } = await first.stop('SIGTERM');
  assert.equal(code, 0, first.stderr());

  const second = await startServer(['--data', dir]);
  c = new pg.Client(pgConfig(second));
  await c.connect();
  // the extension's hooks are active right after a restart (no preloading in PGlite)
  await c.query("INSERT INTO kept VALUES (now() + interval '40 days', 0)");
  await c.query('DROP TABLE dropped');
  const r = await c.query('SELECT count(*)::int AS n, sum(v)::int AS s FROM kept');
  assert.deepEqual(r.rows[0], { n: 501, s: 125250 });
  const h = await c.query("SELECT count(*)::int AS n FROM timescaledb_information.hypertables WHERE hypertable_name = 'kept'");
  assert.equal(h.rows[0].n, 1);
  await c.end();
  assert.equal((await second.stop('SIGINT')).code, 0);
});

test('invalid arguments exit non-zero with usage', () => {
  const r = spawnSync(process.execPath, [SERVER, '--port', 'abc'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid --port/);
  assert.equal(r.stdout, '');
});
