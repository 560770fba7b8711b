// Reference outputs of the layer taps of the face-attribute and generic-vision models, computed by
// TF.js itself, for the C# equality tests (tests/FaceCompat.IntegrationTests/Conversion/TapEqualityTests.cs).
//
//   node make-tap-reference.js --human-models DIR --data DIR --out DIR [--only id,id]
//
// Each model gets uint8 NHWC RGB rows (a seeded random image, then LFW crops as in make-reference.js),
// stored as input-<id>.npy. The rows are normalised here exactly as @vladmandic/human 3.3.6 feeds
// each model (see the model cards' evidence), then model.execute(x, tap) gives the tapped tensor,
// before any pooling. The C# side builds its tensor with the card's own preprocessing from the same
// uint8 rows, so the test covers the card's normalisation as well as the converted graph.
//
// The face-api nets (FACEAPI_MODELS) have no graph to tap: face-api's own forwardInput runs on the
// uint8 rows as float32 0..255 (its batch tensor; the net normalises), and the tapped tensor is read
// as the output of one kernel call of that run (see tapKernel). Their heads' outputs are stored too.
// --only regenerates the named models and keeps the other entries of an existing taps.json.
'use strict';
const fs = require('fs');
const path = require('path');
const { IMAGES, CROP_FRACTION, mulberry32, cropResize, npy, sha256, graphHandler, tf, jpeg, faceapi } = require('./make-reference.js');

const SEED = 42;
const GRAY = [0.2989, 0.5870, 0.1140]; // human's constants.rgb

// id -> [file, input size, rows (1 + LFW images), tap, human's normalisation of 0..255 RGB, stored as]
// posenet's 25x25x384 map is stored averaged over space (the card's pooling) to keep the fixture small.
const MODELS = {
  gender: ['gender', 64, 3, 'StatefulPartitionedCall/model_1/add_4/add', 'gray', 'raw'],
  emotion: ['emotion', 64, 3, 'StatefulPartitionedCall/model_1/add_2/add', 'gray', 'raw'],
  age: ['age', 64, 3, 'StatefulPartitionedCall/functional_1/activation_3/Relu', 'x255', 'raw'],
  antispoof: ['antispoof', 128, 3, 'StatefulPartitionedCall/sequential/activation_3/Relu', 'x1', 'raw'],
  gear: ['gear', 198, 2, 'StatefulPartitionedCall/model_1/global_max_pooling2d_1/Max', 'x1', 'raw'],
  posenet: ['posenet', 385, 1, 'MobilenetV1/MobilenetV1/Conv2d_13_pointwise/Relu6', 'pm1', 'mean-space'],
};

// id -> [face-api net, weights file stem, input size, rows, input file, kernel tapped, which call of it
// (0-based) with its expected shape, tap name in the card, stored as, heads: forwardInput's outputs by name].
// age-gender: runNet's tf.avgPool(bottleneckFeatures, [7, 7], [2, 2], 'valid') is the net's only AvgPool
// (its .as2D is a reshape); expression: FaceFeatureExtractor's final tf.avgPool, likewise the only one;
// SSD: mobileNetV1's `out` is its 27th clipByValue (conv_0, then 13 depthwise + pointwise pairs).
const FACEAPI_MODELS = {
  'faceapi-agegender': ['ageGenderNet', 'age_gender_model', 112, 4, 'input-faceapi-112.npy', 'AvgPool', 0, [4, 1, 1, 512], 'pooled', 'raw', { age: 'age', gender: 'gender' }],
  'faceapi-expression': ['faceExpressionNet', 'face_expression_model', 112, 4, 'input-faceapi-112.npy', 'AvgPool', 0, [4, 1, 1, 256], 'pooled', 'raw', { expressions: null }],
  'faceapi-ssd': ['ssdMobilenetv1', 'ssd_mobilenetv1_model', 512, 2, 'input-faceapi-ssd.npy', 'ClipByValue', 26, [2, 16, 16, 1024], 'mobilenetv1', 'mean-space', {}],
};

// Runs fn while recording a copy of the output of every call of kernel `name` on the cpu backend.
async function tapKernel(name, fn) {
  const original = tf.getKernel(name, 'cpu');
  const calls = [];
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({
    ...original,
    kernelFunc: (k) => {
      const out = original.kernelFunc(k);
      calls.push({ shape: out.shape.slice(), values: Float32Array.from(k.backend.readSync(out.dataId)) });
      return out;
    },
  });
  try {
    const result = await fn();
    return { result, calls };
  } finally {
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(original);
  }
}

async function faceApiTap(id, decoded, out) {
  const [net, stem, size, rows, inputFile, kernel, call, expected, tap, stored, heads] = FACEAPI_MODELS[id];
  const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets[net].loadFromDisk(dir);
  const input = makeInput(size, rows, decoded);
  fs.writeFileSync(path.join(out, inputFile), npy(input.data, input.shape));
  const per = size * size * 3;
  const images = [];
  for (let r = 0; r < rows; r++) images.push(tf.tensor3d(Float32Array.from(input.data.subarray(r * per, (r + 1) * per)), [size, size, 3], 'float32'));
  const netInput = await faceapi.toNetInput(images);
  const { result, calls } = await tapKernel(kernel, () => faceapi.nets[net].forwardInput(netInput));
  const seen = calls[call];
  if (!seen || seen.shape.join() !== expected.join()) throw new Error(`${id}: ${kernel} call ${call} has shape ${seen && seen.shape}, expected ${expected}`);
  const t = tf.tensor(seen.values, seen.shape, 'float32');
  const y = stored === 'mean-space' ? tf.mean(t, [1, 2]) : tf.reshape(t, [rows, -1]);
  const outFile = `${id}.tap.npy`;
  fs.writeFileSync(path.join(out, outFile), npy(Float32Array.from(await y.data()), y.shape));
  const headOutputs = [];
  for (const [name, key] of Object.entries(heads)) {
    const h = key === null ? result : result[key];
    const file = `${id}.${name}.npy`;
    fs.writeFileSync(path.join(out, file), npy(Float32Array.from(await h.data()), h.shape));
    headOutputs.push({ name, file, shape: h.shape });
  }
  tf.dispose([t, y, ...images]);
  tf.dispose(result);
  console.log(`${id}: ${kernel} call ${call} ${seen.shape} -> ${tap} ${y.shape}`);
  return {
    input: inputFile,
    normalisation: 'none (float32 0..255 RGB, face-api\'s batch tensor; the net normalises)',
    tap,
    stored,
    output: { file: outFile, shape: y.shape },
    heads: headOutputs,
    files: { [`${stem}-weights_manifest.json`]: sha256(path.join(dir, `${stem}-weights_manifest.json`)), [`${stem}.bin`]: sha256(path.join(dir, `${stem}.bin`)) },
    runtime: `@vladmandic/face-api ${faceapi.version} nets.${net}.forwardInput, tap = output ${call} of kernel ${kernel} (tfjs ${tf.version.tfjs}, backend ${tf.getBackend()})`,
  };
}

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['human-models', 'data', 'out']) if (!a[k]) throw new Error(`missing --${k}`);
  return a;
}

// rows uint8 images: the seeded random one first, then LFW crops, up to n in all.
function makeInput(size, n, decoded) {
  const per = size * size * 3;
  const data = new Uint8Array(n * per);
  const rnd = mulberry32(SEED + size);
  for (let i = 0; i < per; i++) data[i] = Math.floor(rnd() * 256);
  for (let k = 1; k < n; k++) data.set(cropResize(decoded[k - 1], size), k * per);
  return { data, shape: [n, size, size, 3] };
}

// As human feeds each model, from its 0..1 RGB face tensor (here rgb / 255).
function normalise(rgb255, kind) {
  return tf.tidy(() => {
    const x = tf.div(rgb255, 255);
    switch (kind) {
      case 'gray': return tf.mul(tf.sub(tf.sum(tf.mul(x, tf.tensor1d(GRAY)), 3, true), 0.5), 2); // emotion.ts / ssrnet-gender.ts
      case 'x255': return tf.mul(x, 255); // ssrnet-age.ts
      case 'x1': return x; // gear.ts, antispoof.ts
      case 'pm1': return tf.sub(tf.div(rgb255, 127.5), 1); // posenet.ts
      default: throw new Error(kind);
    }
  });
}

async function main() {
  const a = args();
  await tf.setBackend('cpu');
  await tf.ready();
  fs.mkdirSync(a.out, { recursive: true });
  const decoded = IMAGES.map((p) => jpeg.decode(fs.readFileSync(path.join(a.data, p)), { useTArray: true, formatAsRGBA: true }));
  const only = a.only ? a.only.split(',') : null;
  const wanted = (id) => !only || only.includes(id);
  const previous = path.join(a.out, 'taps.json');
  const models = only && fs.existsSync(previous) ? JSON.parse(fs.readFileSync(previous, 'utf8')).models : {};
  for (const [id, [file, size, rows, tap, kind, stored]] of Object.entries(MODELS)) {
    if (!wanted(id)) continue;
    const input = makeInput(size, rows, decoded);
    const inputFile = `input-${id}.npy`;
    fs.writeFileSync(path.join(a.out, inputFile), npy(input.data, input.shape));
    const jsonPath = path.join(a['human-models'], `${file}.json`);
    const model = await tf.loadGraphModel(graphHandler(jsonPath));
    const rgb = tf.tensor(Float32Array.from(input.data), input.shape, 'float32');
    const x = normalise(rgb, kind);
    // posenet's graph is fixed at batch 1: one row at a time for every model keeps it uniform.
    const outs = [];
    for (let r = 0; r < rows; r++) {
      const row = tf.slice(x, [r, 0, 0, 0], [1, -1, -1, -1]);
      outs.push(model.execute(row, tap));
      row.dispose();
    }
    const all = tf.concat(outs, 0);
    const y = stored === 'mean-space' ? tf.mean(all, [1, 2]) : all;
    const outFile = `${id}.tap.npy`;
    fs.writeFileSync(path.join(a.out, outFile), npy(Float32Array.from(await y.data()), y.shape));
    models[id] = {
      input: inputFile,
      normalisation: kind,
      tap,
      stored,
      output: { file: outFile, shape: y.shape },
      files: { [`${file}.json`]: sha256(jsonPath), [`${file}.bin`]: sha256(path.join(a['human-models'], `${file}.bin`)) },
      runtime: `@tensorflow/tfjs ${tf.version.tfjs} loadGraphModel + execute(x, tap), backend ${tf.getBackend()}`,
    };
    tf.dispose([rgb, x, all, y, ...outs]);
    console.log(`${id}: ${tap} ${y.shape}`);
  }
  for (const id of Object.keys(FACEAPI_MODELS)) if (wanted(id)) models[id] = await faceApiTap(id, decoded, a.out);
  const description = {
    description: 'Layer-tap outputs computed by TF.js (tools/reference/make-tap-reference.js); inputs are uint8 RGB rows normalised as @vladmandic/human 3.3.6 does, or fed as 0..255 to face-api\'s own forwardInput (faceapi-*).',
    rows: ['seeded uniform random image (mulberry32, seed 42 + size)', ...IMAGES.map((p) => `${p}, central ${CROP_FRACTION * 100}% crop, bilinear resize`)],
    models,
  };
  fs.writeFileSync(path.join(a.out, 'taps.json'), `${JSON.stringify(description, null, 2)}\n`);
  console.log(`wrote ${a.out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
