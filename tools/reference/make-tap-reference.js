// Reference outputs of the layer taps of the face-attribute and generic-vision models, computed by
// TF.js itself, for the C# equality tests (tests/FaceCompat.IntegrationTests/Conversion/TapEqualityTests.cs).
//
//   node make-tap-reference.js --human-models DIR --data DIR --out DIR
//
// Each model gets uint8 NHWC RGB rows (a seeded random image, then LFW crops as in make-reference.js),
// stored as input-<id>.npy. The rows are normalised here exactly as @vladmandic/human 3.3.6 feeds
// each model (see the model cards' evidence), then model.execute(x, tap) gives the tapped tensor,
// before any pooling. The C# side builds its tensor with the card's own preprocessing from the same
// uint8 rows, so the test covers the card's normalisation as well as the converted graph.
'use strict';
const fs = require('fs');
const path = require('path');
const { IMAGES, CROP_FRACTION, mulberry32, cropResize, npy, sha256, graphHandler, tf, jpeg } = require('./make-reference.js');

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
  const models = {};
  for (const [id, [file, size, rows, tap, kind, stored]] of Object.entries(MODELS)) {
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
  const description = {
    description: 'Layer-tap outputs computed by TF.js (tools/reference/make-tap-reference.js); inputs are uint8 RGB rows normalised as @vladmandic/human 3.3.6 does.',
    rows: ['seeded uniform random image (mulberry32, seed 42 + size)', ...IMAGES.map((p) => `${p}, central ${CROP_FRACTION * 100}% crop, bilinear resize`)],
    models,
  };
  fs.writeFileSync(path.join(a.out, 'taps.json'), `${JSON.stringify(description, null, 2)}\n`);
  console.log(`wrote ${a.out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
