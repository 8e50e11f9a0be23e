const series = Array.from({ length: 50 }, (_, k) => ({
  column: `c${k}`, dataType: 'float', physicalUnit: 'm/s', shape: 'line', downsampled: true, sourcePoints: 1e6,
  t: Array.from({ length: 4000 }, (_, i) => 1738368000000 + i * 250 + (i % 4)),
  v: Array.from({ length: 4000 }, (_, i) => (i % 997 === 0 ? null : Math.sin(i / 100) * 12.345678901 + k)),
}));
const answer = { range: { start: 1, end: 2 }, window: { start: 1, end: 2 }, dataRange: null, series, chunks: { done: 1, total: 1 } };
const pack = (_k: string, v: unknown) => {
  if (Array.isArray(v) && v.length >= 64 && typeof v[0] === 'number') {
    const f = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) { const x = v[i]; if (x === null) f[i] = NaN; else if (typeof x === 'number') f[i] = x; else return v; }
    return { $f64: Buffer.from(f.buffer).toString('base64') };
  }
  return v;
};
for (let r = 0; r < 5; r++) {
  let t = performance.now(); const a = JSON.stringify({ ok: true, value: answer }); const plain = performance.now() - t;
  t = performance.now(); const b = JSON.stringify({ ok: true, value: answer }, pack); const packed = performance.now() - t;
  t = performance.now(); JSON.parse(a); const parsePlain = performance.now() - t;
  t = performance.now(); JSON.parse(b, (_k, v) => (v && typeof v === 'object' && typeof v.$f64 === 'string' ? Array.from(new Float64Array(Buffer.from(v.$f64, 'base64').buffer.slice(0)), (x) => (Number.isNaN(x) ? null : x)) : v)); const parsePacked = performance.now() - t;
  console.log(`plain ${plain.toFixed(1)} ms ${(a.length/1e6).toFixed(1)} MB parse ${parsePlain.toFixed(1)} | packed ${packed.toFixed(1)} ms ${(b.length/1e6).toFixed(1)} MB parse ${parsePacked.toFixed(1)}`);
}
