// Decodes CBOR with the independent `cbor` package and prints RFC 8949 diagnostic notation, so the .NET tests can
// check that a generic decoder reads every golden vector as intended.
// stdin: JSON array of hex strings. stdout: JSON array of {diagnostic} or {error}.
'use strict';
const cbor = require('cbor');

function diagnose(value) {
  if (value instanceof Map) {
    return '{' + [...value.entries()].map(([k, v]) => diagnose(k) + ': ' + diagnose(v)).join(', ') + '}';
  }
  if (Array.isArray(value)) {
    return '[' + value.map(diagnose).join(', ') + ']';
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return "h'" + Buffer.from(value).toString('hex') + "'";
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'object') {
    return '{' + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ': ' + diagnose(v)).join(', ') + '}';
  }
  throw new Error('no diagnostic form for ' + typeof value);
}

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const results = JSON.parse(input).map((hex) => {
    try {
      const value = cbor.decodeFirstSync(Buffer.from(hex, 'hex'), { preferMap: true });
      return { diagnostic: diagnose(value) };
    } catch (e) {
      return { error: String(e.message) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
