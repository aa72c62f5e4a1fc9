// Protocol and multiplexing tests against one in-memory server, with the real `pg` client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import {
  startServer, pgConfig, sleep, RawConn, parse, bind, execute, describe, sync, flush, query, msg, cstr, startupPacket,
} from './helpers.mjs';

const IDLE_TX_TIMEOUT_MS = 2500;
let srv;
const open = [];

async function connect() {
  const c = new pg.Client(pgConfig(srv));
  c.on('error', () => {});
  await c.connect();
  open.push(c);
  return c;
}

before(async () => {
  srv = await startServer(['--data', 'memory://', '--idle-tx-timeout-ms', String(IDLE_TX_TIMEOUT_MS)]);
});

after(async () => {
  for (const c of open) { try { await c.end(); } catch { /* ignore */ } }
  const { code } = await srv.stop();
  if (process.env.SHOW_SERVER_STDERR) console.error(srv.stderr());
  assert.equal(code, 0, `server exit code; stderr: ${srv.stderr()}`);
});

test('ready line and simple query', async () => {
  assert.equal(srv.host, '127.0.0.1');
  assert.equal(srv.data, 'memory://');
  const c = await connect();
  const r = await c.query("SELECT 1 AS one, 'x' AS s; SELECT 2 AS two");
  assert.equal(r[0].rows[0].one, 1);
  assert.equal(r[1].rows[0].two, 2);
  const tz = await c.query('SHOW TimeZone');
  assert.equal(tz.rows[0].TimeZone, 'UTC');
  const cmm = await c.query('SHOW client_min_messages');
  assert.equal(cmm.rows[0].client_min_messages, 'warning');
});

test('extended protocol with parameters', async () => {
  const c = await connect();
  const r = await c.query('SELECT $1::int + $2::int AS sum, $3::text AS t, $4::timestamptz AS ts', [40, 2, 'hé', '2024-01-01T00:00:00Z']);
  assert.equal(r.rows[0].sum, 42);
  assert.equal(r.rows[0].t, 'hé');
  assert.equal(r.rows[0].ts.toISOString(), '2024-01-01T00:00:00.000Z');
  await assert.rejects(c.query('SELECT $1::int / 0', [1]), (e) => e.code === '22012');
  const again = await c.query('SELECT $1::int AS v', [7]);
  assert.equal(again.rows[0].v, 7);
});

test('same statement names on different connections do not collide', async () => {
  const a = await connect();
  const b = await connect();
  const runs = [];
  for (let i = 0; i < 30; i++) {
    runs.push(a.query({ name: 'S_1', text: 'SELECT $1::int * 10 AS v, \'a\' AS who', values: [i] }));
    runs.push(b.query({ name: 'S_1', text: 'SELECT $1::text || \'-b\' AS v, \'b\' AS who', values: [String(i)] }));
  }
  const res = await Promise.all(runs);
  for (let i = 0; i < 30; i++) {
    assert.deepEqual(res[2 * i].rows[0], { v: i * 10, who: 'a' });
    assert.deepEqual(res[2 * i + 1].rows[0], { v: `${i}-b`, who: 'b' });
  }
});

test('a transaction on A blocks B until commit; B sees committed data', async () => {
  const a = await connect();
  const b = await connect();
  await a.query('CREATE TABLE tx_block (id int)');
  await a.query('BEGIN');
  await a.query('INSERT INTO tx_block VALUES ($1)', [1]);
  let bDone = false;
  const bRes = b.query('SELECT count(*)::int AS n FROM tx_block').then((r) => { bDone = true; return r; });
  await sleep(300);
  assert.equal(bDone, false, 'B must wait while A is in a transaction');
  await a.query('INSERT INTO tx_block VALUES (2)');
  await a.query('COMMIT');
  const r = await bRes;
  assert.equal(r.rows[0].n, 2);
});

test('disconnect in the middle of a transaction rolls back', async () => {
  const a = await connect();
  const b = await connect();
  await b.query('CREATE TABLE tx_drop (id int)');
  await a.query('BEGIN');
  await a.query('INSERT INTO tx_drop VALUES (1)');
  await a.query({ name: 'S_dangling', text: 'SELECT 1' });
  a.connection.stream.destroy();
  const r = await b.query('SELECT count(*)::int AS n FROM tx_drop');
  assert.equal(r.rows[0].n, 0);
  // the departed connection's statements were released; the backend is not in a transaction
  const ps = await b.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'c%_S_dangling'");
  assert.equal(ps.rows[0].n, 0);
  await b.query('BEGIN');
  await b.query('ROLLBACK');
  // a client that opens a transaction and vanishes while its own query runs
  const raw = await RawConn.open(srv.port);
  await raw.startup();
  raw.write(query("BEGIN; INSERT INTO tx_drop VALUES (2); SELECT count(*) FROM generate_series(1, 200000)"));
  raw.close();
  const r2 = await b.query('SELECT count(*)::int AS n FROM tx_drop');
  assert.equal(r2.rows[0].n, 0);
});

test('COPY FROM STDIN is refused with 0A000 and the connection keeps working', async () => {
  const c = await connect();
  await c.query('CREATE TABLE copy_t (a int)');
  await assert.rejects(c.query('COPY copy_t FROM STDIN'), (e) => e.code === '0A000');
  await assert.rejects(c.query('copy copy_t (a) from stdin with (format csv)'), (e) => e.code === '0A000');
  // extended protocol (Parse) path
  await assert.rejects(c.query({ text: 'COPY copy_t FROM STDIN', values: [] }), (e) => e.code === '0A000');
  await c.query('INSERT INTO copy_t VALUES (1)');
  const r = await c.query('SELECT count(*)::int AS n FROM copy_t');
  assert.equal(r.rows[0].n, 1);
});

test('LISTEN/NOTIFY is routed only to listeners', async () => {
  const a = await connect();
  const b = await connect();
  const other = await connect();
  const got = { a: [], b: [], other: [] };
  a.on('notification', (n) => got.a.push(`${n.channel}:${n.payload}`));
  b.on('notification', (n) => got.b.push(`${n.channel}:${n.payload}`));
  other.on('notification', (n) => got.other.push(`${n.channel}:${n.payload}`));
  await a.query('LISTEN vigil_events');
  await other.query('LISTEN "Other_Channel"');
  await b.query("NOTIFY vigil_events, 'one'");
  await b.query("SELECT pg_notify('Other_Channel', 'two')");
  await b.query('BEGIN');
  await b.query("NOTIFY vigil_events, 'three'");
  await b.query('COMMIT');
  await sleep(200);
  await a.query('SELECT 1');
  await other.query('SELECT 1');
  assert.deepEqual(got.a, ['vigil_events:one', 'vigil_events:three']);
  assert.deepEqual(got.other, ['Other_Channel:two']);
  assert.deepEqual(got.b, []);
  // a second listener on the same channel keeps receiving when the first unlistens
  await b.query('LISTEN vigil_events');
  await a.query('UNLISTEN vigil_events');
  await other.query("NOTIFY vigil_events, 'four'");
  await sleep(200);
  await b.query('SELECT 1');
  assert.deepEqual(got.b, ['vigil_events:four']);
  assert.deepEqual(got.a, ['vigil_events:one', 'vigil_events:three']);
});

test('timescaledb: hypertable, continuous aggregate WITH NO DATA, refresh', async () => {
  const c = await connect();
  await c.query('CREATE TABLE metrics (ts timestamptz NOT NULL, series bigint NOT NULL, value float8 NOT NULL)');
  await c.query("SELECT create_hypertable('metrics', 'ts', chunk_time_interval => interval '1 day')");
  await c.query(`INSERT INTO metrics SELECT '2024-01-01'::timestamptz + i * interval '1 second', i % 10, i
                 FROM generate_series(0, 9999) AS i`);
  await c.query(`CREATE MATERIALIZED VIEW metrics_1m WITH (timescaledb.continuous) AS
                 SELECT time_bucket('1 minute', ts) AS bucket, series, avg(value) AS avg, count(*) AS n
                 FROM metrics GROUP BY bucket, series WITH NO DATA`);
  await c.query("CALL refresh_continuous_aggregate('metrics_1m', '2024-01-01', '2024-01-02')");
  const r = await c.query('SELECT sum(n)::int AS n, count(*)::int AS buckets FROM metrics_1m');
  assert.equal(r.rows[0].n, 10000);
  assert.ok(r.rows[0].buckets > 100);
  const lic = await c.query('SHOW timescaledb.license');
  assert.equal(lic.rows[0]['timescaledb.license'], 'timescale');
});

test('Describe + Flush without Sync delivers responses and holds the backend until Sync', async () => {
  const raw = await RawConn.open(srv.port);
  await raw.startup();
  const b = await connect();
  raw.write(Buffer.concat([parse('', 'SELECT 43 AS x'), describe('S', ''), flush()]));
  await raw.waitFor((c) => c.types().endsWith('1tT'));
  let bDone = false;
  const bq = b.query('SELECT 1 AS one').then(() => { bDone = true; });
  await sleep(200);
  assert.equal(bDone, false, 'other clients wait until the unit ends with Sync');
  // the unnamed statement is re-parsed (replaced) and executed in the same unit
  raw.write(Buffer.concat([parse('', 'SELECT 44 AS y'), bind('', ''), execute(''), sync()]));
  await raw.waitFor((c) => c.types().endsWith('Z'));
  assert.ok(raw.types().endsWith('1tT12DCZ'), raw.types());
  const row = raw.messages.filter((m) => m.type === 'D').pop();
  assert.equal(row.body.subarray(6).toString(), '44');
  await bq;
  raw.close();
});

test('error in the extended protocol skips until Sync and the connection recovers', async () => {
  const raw = await RawConn.open(srv.port);
  await raw.startup();
  raw.write(Buffer.concat([parse('s1', 'SELECT bogus'), bind('', 's1'), execute(''), sync(),
    parse('s1', 'SELECT 5'), bind('', 's1'), execute(''), sync()]));
  await raw.waitFor((c) => c.count('Z') >= 3);
  assert.ok(raw.types().endsWith('EZ12DCZ'), raw.types());
  raw.close();
});

test('SSLRequest is answered N, CancelRequest is ignored', async () => {
  const s = net.connect({ host: '127.0.0.1', port: srv.port });
  await new Promise((r) => s.once('connect', r));
  const ssl = Buffer.alloc(8);
  ssl.writeInt32BE(8, 0);
  ssl.writeInt32BE(80877103, 4);
  s.write(ssl);
  const answer = await new Promise((r) => s.once('data', r));
  assert.equal(answer.toString(), 'N');
  s.destroy();
  const cancel = Buffer.alloc(16);
  cancel.writeInt32BE(16, 0);
  cancel.writeInt32BE(80877102, 4);
  const s2 = net.connect({ host: '127.0.0.1', port: srv.port });
  await new Promise((r) => s2.once('connect', r));
  s2.write(cancel);
  await new Promise((r) => s2.once('close', r));
  const c = await connect();
  assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1);
});

test('garbage, truncated messages and abrupt disconnects do not hurt other clients', async () => {
  const good = await connect();
  await good.query('CREATE TABLE robust (id int)');
  // garbage before startup
  for (const bytes of [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]),
    Buffer.from([0, 0, 0, 8, 0, 9, 0, 0])]) {
    const s = net.connect({ host: '127.0.0.1', port: srv.port });
    s.on('error', () => {});
    await new Promise((r) => s.once('connect', r));
    s.write(bytes);
    await Promise.race([new Promise((r) => s.once('close', r)), sleep(500)]);
    s.destroy();
  }
  // garbage after startup: unknown type, bad length, malformed Bind, random bytes
  const payloads = [
    Buffer.from([0x7a, 0, 0, 0, 4]),
    Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]),
    msg('B', Buffer.from([1, 2, 3])),
    msg('Q', Buffer.from('SELECT 1')),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)),
  ];
  for (const p of payloads) {
    const raw = await RawConn.open(srv.port);
    await raw.startup();
    raw.write(p);
    await raw.waitFor((c) => c.closed || c.count('E') > 0, 5000);
    raw.close();
  }
  // disconnect mid-message, and mid-unit after a Flush inside a transaction
  const raw1 = await RawConn.open(srv.port);
  await raw1.startup();
  const q = query('INSERT INTO robust VALUES (1)');
  raw1.write(q.subarray(0, 7));
  await sleep(50);
  raw1.close();
  const raw2 = await RawConn.open(srv.port);
  await raw2.startup();
  raw2.write(query('BEGIN'));
  await raw2.waitFor((c) => c.count('Z') >= 2);
  raw2.write(Buffer.concat([parse('', 'INSERT INTO robust VALUES (2)'), bind('', ''), execute(''), flush()]));
  await raw2.waitFor((c) => c.types().endsWith('C'));
  raw2.close();
  const r = await good.query('SELECT count(*)::int AS n FROM robust');
  assert.equal(r.rows[0].n, 0);
  assert.equal(srv.proc.exitCode, null, 'server still running');
});

test('pool of 4 connections with concurrent statements and transactions', async () => {
  const pool = new pg.Pool({ ...pgConfig(srv), max: 4 });
  pool.on('error', () => {});
  await pool.query('CREATE TABLE pooled (worker int, n int)');
  const workers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = 0; i < 10; i++) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query({ name: 'ins', text: 'INSERT INTO pooled VALUES ($1, $2)', values: [w, i] });
        const r = await c.query({ name: 'cnt', text: 'SELECT count(*)::int AS n FROM pooled WHERE worker = $1', values: [w] });
        assert.equal(r.rows[0].n, i + 1);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    }
  });
  await Promise.all(workers);
  const r = await pool.query('SELECT count(*)::int AS n FROM pooled');
  assert.equal(r.rows[0].n, 80);
  await pool.end();
});

test('a client idle in a transaction is disconnected after the timeout', async () => {
  const a = await connect();
  const b = await connect();
  await b.query('CREATE TABLE idle_tx (id int)');
  let aError = null;
  a.on('error', (e) => { aError = e; });
  await a.query('BEGIN');
  await a.query('INSERT INTO idle_tx VALUES (1)');
  const t0 = Date.now();
  const r = await b.query('SELECT count(*)::int AS n FROM idle_tx');
  const waited = Date.now() - t0;
  assert.equal(r.rows[0].n, 0, 'the idle transaction was rolled back');
  assert.ok(waited >= IDLE_TX_TIMEOUT_MS - 500, `B waited ${waited} ms`);
  await sleep(100);
  await assert.rejects(a.query('SELECT 1'));
  assert.ok(aError === null || /idle-in-transaction|terminat|Connection/i.test(String(aError)), String(aError));
});
