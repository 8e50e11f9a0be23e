const n = 4000;
const series = Array.from({ length: 50 }, (_, k) => ({
  column: `c${k}`, dataType: 'float', physicalUnit: 'm/s', shape: 'line', downsampled: true, sourcePoints: 1e6,
  t: Float64Array.from({ length: n }, (_, i) => 1738368000000 + i * 250 + (i % 4)),
  v: Float64Array.from({ length: n }, (_, i) => (i % 997 === 0 ? NaN : Math.sin(i / 100) * 12.345678901 + k)),
}));
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  const enc = series.map((s) => ({ ...s, t: Buffer.from(s.t.buffer).toString('base64'), v: Buffer.from(s.v.buffer).toString('base64') }));
  const encMs = performance.now() - t;
  t = performance.now();
  const text = JSON.stringify({ ok: true, value: { series: enc } });
  const jsonMs = performance.now() - t;
  t = performance.now();
  const back = JSON.parse(text);
  const dec = back.value.series.map((s: any) => ({ t: new Float64Array(Buffer.from(s.t, 'base64').buffer.slice(0)), v: new Float64Array(Buffer.from(s.v, 'base64').buffer.slice(0)) }));
  const parseMs = performance.now() - t;
  console.log(`encode ${encMs.toFixed(1)} + json ${jsonMs.toFixed(1)} ms (${(text.length / 1e6).toFixed(1)} MB); parse+decode ${parseMs.toFixed(1)} ms ${dec.length}`);
}
