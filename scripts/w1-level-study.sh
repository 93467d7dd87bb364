#!/usr/bin/env bash
# Side study for the reproduction: how W1's DWT depth and the noise affect
# class coherence. Classifies the clean and the noisy stack of one simulated
# SNR directory (as written by `reproduce` or `simulate`) with L2 and with W1
# at several DWT levels, evaluates each run against truth.star and prints a
# markdown table.
#
# usage: scripts/w1-level-study.sh SIMDIR OUTDIR [LEVELS...]
#   SIMDIR  holds particles.mrcs, clean.mrcs and truth.star
#   env JAR (default target/*-all.jar), CLASSES (30), ROTATIONS (100), ITER (15)
set -euo pipefail
sim=$1; out=$2; shift 2
levels=("${@:-6 3}")
jar=${JAR:-$(ls target/*-all.jar | head -1)}
k=${CLASSES:-30}; m=${ROTATIONS:-100}; t=${ITER:-15}
mkdir -p "$out"
echo "| stack | metric | median ° | below 20° | Gini |"
echo "|---|---|---|---|---|"
for stack in clean particles; do
	for spec in l2 ${levels[@]/#/w1:}; do
		metric=${spec%%:*}; args=(--metric "$metric")
		[ "$metric" = w1 ] && args+=(--levels "${spec#w1:}")
		name=$stack-${spec/:/-L}
		java -jar "$jar" classify "$sim/$stack.mrcs" "${args[@]}" --classes "$k" --rotations "$m" \
			--max-iterations "$t" --seed 1 -q --output "$out/$name" >/dev/null
		java -jar "$jar" evaluate --truth "$sim/truth.star" --assignments "$out/$name/particles.star" \
			--output "$out/$name/evaluation" >/dev/null
		/usr/bin/python3 - "$out/$name/evaluation/summary.json" "$stack" "$spec" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
label = sys.argv[3].upper().replace(':', ', levels ')
print(f"| {sys.argv[2]} | {label} | {s['median_deg']:.1f} | {100*s['frac_below_20deg']:.1f}% | {s['occupancy_gini']:.3f} |")
PY
	done
done
