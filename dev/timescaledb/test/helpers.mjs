// Test helpers: start the server as a child process, and a minimal raw protocol client.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server.mjs');

export function startServer(args = [], { timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const killOnExit = () => proc.kill('SIGKILL');
    process.on('exit', killOnExit); // never leave a server behind, even when the caller crashes
    const exited = new Promise((r) => proc.on('exit', (code, signal) => { process.off('exit', killOnExit); r({ code, signal }); }));
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`server not ready in time: ${err}`)); }, timeoutMs);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /vigil-timescaledb ready host=(\S+) port=(\d+) data=(\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          proc, host: m[1], port: Number(m[2]), data: m[3], exited,
          stdout: () => out, stderr: () => err,
          async stop(signal = 'SIGTERM') {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`server exited (${code ?? signal}) before ready: ${err}`)); });
  });
}

export function pgConfig(srv) {
  return { host: '127.0.0.1', port: srv.port, user: 'vigil', password: 'any', database: 'vigil' };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- raw protocol ----------------------------------------------------------------------------
export function msg(type, body = Buffer.alloc(0)) {
  const b = Buffer.alloc(5 + body.length);
  b[0] = type.charCodeAt(0);
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
}
export const cstr = (s) => Buffer.concat([Buffer.from(s), Buffer.from([0])]);
export const parse = (name, sql) => msg('P', Buffer.concat([cstr(name), cstr(sql), Buffer.from([0, 0])]));
export const bind = (portal, stmt) => msg('B', Buffer.concat([cstr(portal), cstr(stmt), Buffer.from([0, 0, 0, 0, 0, 0])]));
export const execute = (portal) => msg('E', Buffer.concat([cstr(portal), Buffer.from([0, 0, 0, 0])]));
export const describe = (kind, name) => msg('D', Buffer.concat([Buffer.from(kind), cstr(name)]));
export const sync = () => msg('S');
export const flush = () => msg('H');
export const query = (sql) => msg('Q', cstr(sql));

export function startupPacket(params = { user: 'raw', database: 'raw' }) {
  const body = Buffer.concat([
    Buffer.from([0, 3, 0, 0]),
    ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]),
    Buffer.from([0]),
  ]);
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
}

// A raw connection that collects backend messages; waitFor(pred) resolves with messages so far.
export class RawConn {
  static async open(port) {
    const c = new RawConn();
    c.socket = net.connect({ host: '127.0.0.1', port });
    c.buf = Buffer.alloc(0);
    c.messages = [];
    c.closed = false;
    c.waiters = [];
    c.socket.on('data', (d) => {
      c.buf = Buffer.concat([c.buf, d]);
      while (c.buf.length >= 5) {
        const len = c.buf.readInt32BE(1);
        if (c.buf.length < len + 1) break;
        c.messages.push({ type: String.fromCharCode(c.buf[0]), body: c.buf.subarray(5, len + 1) });
        c.buf = c.buf.subarray(len + 1);
      }
      c.check();
    });
    c.socket.on('error', () => {});
    c.socket.on('close', () => { c.closed = true; c.check(); });
    await new Promise((r, j) => { c.socket.once('connect', r); c.socket.once('error', j); });
    return c;
  }
  check() {
    for (const w of [...this.waiters]) {
      if (w.pred(this)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(this.messages); }
    }
  }
  waitFor(pred, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) { this.waiters.splice(i, 1); reject(new Error(`timeout; got ${this.types()}`)); }
      }, timeoutMs).unref();
      this.check();
    });
  }
  types() { return this.messages.map((m) => m.type).join(''); }
  count(type) { return this.messages.filter((m) => m.type === type).length; }
  write(b) { this.socket.write(b); }
  async startup() {
    this.write(startupPacket());
    await this.waitFor((c) => c.count('Z') >= 1);
  }
  close() { this.socket.destroy(); }
}
