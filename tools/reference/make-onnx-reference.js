// Reference outputs of the ONNX models of faceplugin-face-recognition-js 0.0.1, computed by
// onnxruntime-node on the files as shipped (batch 1, one row per run), for the C# equality tests
// (tests/FaceCompat.IntegrationTests/Conversion/OnnxEqualityTests.cs).
//
//   node make-onnx-reference.js --models DIR --data DIR --out DIR
//
// DIR of --models holds fr_*.onnx (the package's model/ folder). Each model gets uint8 NHWC RGB rows
// (a seeded random image, then LFW crops as in make-reference.js), stored as input-<id>.npy; each row is
// normalised here as the package's lib/fr_<net>.js normalises cv.imread's RGBA pixels (see the model
// cards' evidence), and the run returns the card's tap: an internal tensor the shipped graph does not
// output, so a copy of the graph with that tensor added to its outputs is run (nothing else changed;
// built with the protobuf reader below). The declared outputs are stored too (as "heads").
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
const { IMAGES, CROP_FRACTION, mulberry32, cropResize, npy, sha256, jpeg } = require('./make-reference.js');

const SEED = 42;
const GRAY = [0.2989, 0.5870, 0.1140]; // the cards' Gray (FaceCompat ColourOrder.Gray)
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

// id -> [file, input size, channels, rows (1 + LFW images), tap, normalisation of 0..255 R, G, B]
const MODELS = {
  'fr-feature': ['fr_feature', 112, 3, 4, 'output', (r, g, b) => [r, g, b].map((p) => (p - 127) / 128.0)],
  'fr-age': ['fr_age', 64, 3, 4, '122', (r, g, b) => [r, g, b].map((p, c) => (p / 255.0 - IMAGENET.mean[c]) / IMAGENET.std[c])],
  'fr-gender': ['fr_gender', 64, 3, 4, '122', (r, g, b) => [r, g, b].map((p, c) => (p / 255.0 - IMAGENET.mean[c]) / IMAGENET.std[c])],
  'fr-expression': ['fr_expression', 224, 3, 2, '1160', (r, g, b) => [r, g, b].map((p) => p / 255.0)],
  // fr_pose.js: cvtColor(BGR2RGB) of the RGBA image puts B first; the ImageNet constants go by index.
  'fr-pose': ['fr_pose', 224, 3, 2, '615', (r, g, b) => [b, g, r].map((p, c) => (p / 255.0 - IMAGENET.mean[c]) / IMAGENET.std[c])],
  'fr-liveness': ['fr_liveness', 128, 3, 4, '581', (r, g, b) => [r, g, b]],
  'fr-eye': ['fr_eye', 24, 1, 4, '144', (r, g, b) => [(GRAY[0] * r + GRAY[1] * g + GRAY[2] * b) / 255.0]],
};

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['models', 'data', 'out']) if (!a[k]) throw new Error(`missing --${k}`);
  return a;
}

// --- just enough protobuf to append one ValueInfoProto (name only) to ModelProto.graph.output ---
function varint(buf, pos) {
  let v = 0; let shift = 0; let b;
  do { b = buf[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, pos];
}
function encVarint(v) {
  const out = [];
  while (v > 0x7f) { out.push((v % 128) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return Buffer.from(out);
}
const field = (num, payload) => Buffer.concat([encVarint((num << 3) | 2), encVarint(payload.length), payload]);
// ModelProto.graph is field 7; GraphProto.output is field 12; ValueInfoProto.name is field 1.
function withOutput(model, name) {
  const parts = []; let pos = 0; let found = false;
  while (pos < model.length) {
    const start = pos;
    let key; [key, pos] = varint(model, pos);
    const wire = key & 7; const num = key >>> 3;
    if (wire === 0) { [, pos] = varint(model, pos); } else if (wire === 5) pos += 4; else if (wire === 1) pos += 8;
    else if (wire === 2) {
      let len; [len, pos] = varint(model, pos);
      if (num === 7) {
        const graph = Buffer.concat([model.subarray(pos, pos + len), field(12, field(1, Buffer.from(name, 'utf8')))]);
        parts.push(field(7, graph)); found = true; pos += len; continue;
      }
      pos += len;
    } else throw new Error(`unexpected wire type ${wire}`);
    parts.push(model.subarray(start, pos));
  }
  if (!found) throw new Error('no graph in model');
  return Buffer.concat(parts);
}

function makeInput(size, rows, decoded) {
  const per = size * size * 3;
  const data = new Uint8Array(rows * per);
  const rnd = mulberry32(SEED + size);
  for (let i = 0; i < per; i++) data[i] = Math.floor(rnd() * 256);
  decoded.slice(0, rows - 1).forEach((img, k) => data.set(cropResize(img, size), (k + 1) * per));
  return { data, shape: [rows, size, size, 3] };
}

// One NHWC uint8 RGB row -> [1, C, size, size] float32, normalised by fn.
function tensor(data, row, size, channels, fn) {
  const out = new Float32Array(channels * size * size);
  const base = row * size * size * 3;
  for (let i = 0; i < size * size; i++) {
    const v = fn(data[base + i * 3], data[base + i * 3 + 1], data[base + i * 3 + 2]);
    for (let c = 0; c < channels; c++) out[c * size * size + i] = v[c];
  }
  return new ort.Tensor('float32', out, [1, channels, size, size]);
}

async function main() {
  const a = args();
  fs.mkdirSync(a.out, { recursive: true });
  const decoded = IMAGES.map((p) => jpeg.decode(fs.readFileSync(path.join(a.data, p)), { useTArray: true, formatAsRGBA: true }));
  const models = {};
  for (const [id, [file, size, channels, rows, tap, fn]] of Object.entries(MODELS)) {
    const onnxPath = path.join(a.models, `${file}.onnx`);
    const original = fs.readFileSync(onnxPath);
    const plain = await ort.InferenceSession.create(original);
    const declared = plain.outputNames;
    const session = declared.includes(tap) ? plain : await ort.InferenceSession.create(withOutput(original, tap));
    const input = makeInput(size, rows, decoded);
    const inputFile = `input-${id}.npy`;
    fs.writeFileSync(path.join(a.out, inputFile), npy(input.data, input.shape));
    const names = [tap, ...declared.filter((n) => n !== tap)];
    const collected = Object.fromEntries(names.map((n) => [n, []]));
    let shapes = {};
    for (let r = 0; r < rows; r++) {
      const result = await session.run({ input: tensor(input.data, r, size, channels, fn) }, names);
      for (const n of names) { collected[n].push(...result[n].data); shapes[n] = [rows, ...result[n].dims.slice(1)]; }
    }
    const write = (n) => {
      const outFile = `${id}.${n}.npy`;
      fs.writeFileSync(path.join(a.out, outFile), npy(Float32Array.from(collected[n]), shapes[n]));
      return outFile;
    };
    models[id] = {
      input: inputFile,
      tap,
      stored: 'raw',
      normalisation: `lib/${file}.js, applied to R, G, B (see MODELS in make-onnx-reference.js)`,
      output: { file: write(tap), shape: shapes[tap] },
      heads: declared.filter((n) => n !== tap).map((n) => ({ name: n, file: write(n), shape: shapes[n] })),
      files: { [`${file}.onnx`]: sha256(onnxPath) },
    };
    console.log(`${id}: tap ${tap} [${shapes[tap]}], ${rows} rows`);
  }
  const description = {
    description: 'Outputs of the faceplugin-face-recognition-js 0.0.1 ONNX files as shipped, run by onnxruntime-node at batch 1 (tools/reference/make-onnx-reference.js); inputs are uint8 RGB rows normalised as the package\'s JS does.',
    runtime: `onnxruntime-node ${require('onnxruntime-node/package.json').version}, cpu`,
    inputs: { rows: ['seeded uniform random image (mulberry32, seed 42 + size)', ...IMAGES.map((p) => `${p}, central ${CROP_FRACTION * 100}% crop, bilinear resize`)] },
    models,
  };
  fs.writeFileSync(path.join(a.out, 'taps.json'), `${JSON.stringify(description, null, 2)}\n`);
  console.log(`wrote ${a.out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
