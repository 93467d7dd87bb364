#!/usr/bin/env bash
# Scaling table of the classifier: seconds per Lloyd iteration against the
# number of images n, of classes k and of rotations m, varying one at a time
# from the paper's workload (n = 10,000, k = 150, m = 200; 128x128 images).
#
#   scripts/scaling.sh [METRIC] [OUT.md]
#
# METRIC is w1 (default) or l2. The stack is simulated once (by the benchmark
# command, from ../shared/data/maps/4v7r.mrc at SNR 1/12) into $DATA and every
# point reads its first n images from there. Every point runs the benchmark
# with one Lloyd iteration (plus the k-means++ initialisation, reported too).
# Environment: JAR (default target/*-all.jar), DATA (default
# /tmp/w2d-scaling), HEAP (default 4g; the n = 30,000 point uses BIG_HEAP,
# default 12g, as its embeddings alone take 2.5 GB), POINTS (default all:
# a subset such as "n:1000 k:50" runs only those points), VERIFY (default
# 200: images on which fast and exhaustive are compared at the end),
# JAVA_OPTS (default empty; e.g. "--add-modules jdk.incubator.vector" for
# the Vector API kernels).
set -euo pipefail
cd "$(dirname "$0")/.."
metric=${1:-w1}
out=${2:-scaling-$metric.md}
jar=${JAR:-$(ls target/*-all.jar | head -n 1)}
data=${DATA:-/tmp/w2d-scaling}
heap=${HEAP:-4g}
big_heap=${BIG_HEAP:-12g}
java_opts=${JAVA_OPTS:-}
points=${POINTS:-"n:1000 n:3000 n:10000 n:30000 k:50 k:300 m:100 m:400"}

stack=$data/particles.mrcs
if [ ! -f "$stack" ]; then
	echo "simulating 30,000 images into $data (once)" >&2
	java -Xmx$big_heap -jar "$jar" benchmark --count 30000 --classes 1 --rotations 1 \
		--iterations 1 --save-input "$data" > /dev/null
fi

value() { # value KEY JSON: one field of the benchmark's JSON
	sed -n "s/.*\"$1\": \(\[[^]]*\]\|[^,}]*\).*/\1/p" <<< "$2"
}

{
	echo "# Seconds per iteration, $metric ($(date -u +%Y-%m-%d), $(nproc) cores)"
	echo
	echo "| n | k | m | s/iteration | init s | pruned % | peak heap MB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
} > "$out"
for point in $points; do
	n=10000 k=150 m=200
	case $point in
		n:*) n=${point#n:} ;;
		k:*) k=${point#k:} ;;
		m:*) m=${point#m:} ;;
	esac
	h=$heap
	[ "$n" -gt 10000 ] && h=$big_heap
	echo "n=$n k=$k m=$m ..." >&2
	json=$(java -Xmx$h $java_opts -jar "$jar" benchmark --input "$stack" --count "$n" --classes "$k" \
		--rotations "$m" --iterations 1 --metric "$metric")
	secs=$(value seconds_per_iteration "$json" | tr -d '[]')
	echo "| $n | $k | $m | $secs | $(value init_seconds "$json") | $(value pruned_percent "$json") | $(value peak_heap_mb "$json") |" >> "$out"
done
# fast against exhaustive on the first VERIFY images (k = 50, m = 200)
verify=${VERIFY:-200}
json=$(java -Xmx$heap $java_opts -jar "$jar" benchmark --input "$stack" --count "$verify" --classes 50 \
	--rotations 200 --iterations 2 --metric "$metric" --verify "$verify")
echo >> "$out"
echo "Fast vs exhaustive on $verify images (k = 50, m = 200, 2 iterations): $(value mismatches "$json") mismatches." >> "$out"
cat "$out"
