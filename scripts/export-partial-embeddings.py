#!/usr/bin/env python3
"""Exports the committed chunks of an unfinished (or interrupted) extraction as an exchange folder.

    python3 scripts/export-partial-embeddings.py DATASET_DIR MODEL OUT_DIR

DATASET_DIR is an extraction's dataset folder (e.g. ~/.cache/facecompat/embeddings-aligned/lfw) holding
.partial/MODEL/chunk-NNNNN.{f32,json} and a finished metadata.csv of the same image list (written by any
model finished there). Takes the consecutive committed chunks from chunk 0 (each checked against the
SHA-256 in its index), cuts the rows back to the last complete identity (images are listed identity by
identity) and writes OUT_DIR/MODEL.npy (float32, C order) and OUT_DIR/metadata.csv (index,path,identity)
for `imported` models of a study. Refuses chunks with skipped images (rows would no longer be the
listing's images). Pure Python: no numpy needed.
"""
import hashlib
import json
import os
import struct
import sys


def main(dataset_dir, model, out_dir):
    partial = os.path.join(dataset_dir, ".partial", model)
    manifest = json.load(open(os.path.join(dataset_dir, "manifest.json")))
    metadata = open(os.path.join(dataset_dir, "metadata.csv")).read().splitlines()
    header, rows = metadata[0], metadata[1:]
    if len(rows) != manifest["images"]:
        sys.exit(f"{dataset_dir}: metadata.csv has {len(rows)} rows for {manifest['images']} images (some were skipped); rows cannot be matched to chunks")
    data, dim, count, chunk = bytearray(), None, 0, 0
    while True:
        index_path = os.path.join(partial, f"chunk-{chunk:05d}.json")
        if not os.path.exists(index_path):
            break
        index = json.load(open(index_path))
        raw = open(os.path.join(partial, f"chunk-{chunk:05d}.f32"), "rb").read()
        if index["First"] != count or index["Skipped"] or index["Rows"] != index["Count"]:
            sys.exit(f"{index_path}: not a consecutive chunk without skipped images")
        if hashlib.sha256(raw).hexdigest() != index["DataSha256"]:
            sys.exit(f"{index_path}: data does not match its SHA-256 (torn chunk)")
        dim = index["Dimension"]
        data += raw
        count += index["Count"]
        chunk += 1
    if count == 0:
        sys.exit(f"{partial}: no committed chunk")
    identity = lambda line: line.rsplit(",", 1)[1]
    keep = count
    if keep < len(rows):
        while keep > 0 and identity(rows[keep - 1]) == identity(rows[keep]):
            keep -= 1
    os.makedirs(out_dir, exist_ok=True)
    npy = os.path.join(out_dir, model + ".npy")
    head = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (keep, dim)
    head += " " * (63 - (10 + len(head)) % 64) + "\n"
    with open(npy + ".tmp", "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(head)) + head.encode("latin1"))
        f.write(data[: keep * dim * 4])
    os.replace(npy + ".tmp", npy)
    lines = [header] + [f"{i},{line.split(',', 1)[1]}" for i, line in enumerate(rows[:keep])]
    text = "\n".join(lines) + "\n"
    meta = os.path.join(out_dir, "metadata.csv")
    if os.path.exists(meta) and open(meta).read() != text:
        sys.exit(f"{meta} lists other rows; export each row count into its own folder")
    with open(meta + ".tmp", "w") as f:
        f.write(text)
    os.replace(meta + ".tmp", meta)
    identities = len({identity(r) for r in rows[:keep]})
    print(f"{model}: {keep} rows x {dim} ({identities} identities, {chunk} chunks) -> {npy} sha256 {hashlib.sha256(open(npy, 'rb').read()).hexdigest()}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
