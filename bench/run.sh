#!/usr/bin/env bash
# Monge's JMH benchmarks and POT on the same workloads, same machine (see bench/README.md).
# Usage: bash bench/run.sh [--quick]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=PASSIVE
mkdir -p bench/results
mvn -B -q -Pbench -pl monge-bench -am package -DskipTests
JMH="java -jar monge-bench/target/monge-benchmarks.jar"
if [[ "${1:-}" == "--quick" ]]; then
  $JMH 'ExactBenchmark|SinkhornBenchmark' -p n=1000 -f 1 -wi 1 -i 3 -rf json -rff bench/results/monge.json \
    | tee bench/results/monge.txt
else
  $JMH 'Exact|Sinkhorn|EntropicMap|TrainingStep' -f 1 -wi 1 -i 3 -rf json -rff bench/results/monge.json \
    | tee bench/results/monge.txt
fi
python3 bench/pot_side_by_side.py "$@" | tee bench/results/pot.txt
echo "Monge: bench/results/monge.json; POT: bench/results/pot.json; OTT-JAX/torch/JAX: ../shared/peers/results/summary.md"
