#!/usr/bin/env bash
# Regenerates src/test/resources/fixtures/simulate/rln_proj_64.{mrcs,star}:
# RELION 3.1 projections (relion_project, default Fourier projector, padding 2)
# of the 70S ribosome map of ../shared/data cropped from 65³ to 64³ (voxels
# 0..63 on every axis, so the centre voxel 32 = 64/2 stays the same voxel),
# at a few hand-picked orientations. They pin down the even-box conventions
# (centre N/2, no one-pixel shift) that the 65³ fixture of ../shared/data
# cannot show.
#
# Needs: relion_project (apt-get install -y relion, RELION 3.1.3), python3 + numpy.
# Run from the repository root:  bash src/test/scripts/make_relion_projection_fixtures.sh
set -euo pipefail
root=$(pwd)
map=../shared/data/maps/clean70SRibosome_vol_65p.mrc
out=src/test/resources/fixtures/simulate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$map" "$tmp/map64.mrc" <<'PY'
import sys, numpy as np
src, dst = sys.argv[1], sys.argv[2]
raw = open(src, 'rb').read()
hdr = bytearray(raw[:1024])
n = np.frombuffer(hdr[:12], '<i4')[0]
vol = np.frombuffer(raw, '<f4', offset=1024, count=n**3).reshape(n, n, n)
crop = np.ascontiguousarray(vol[:64, :64, :64])
ints = np.frombuffer(hdr, '<i4').copy()
floats = np.frombuffer(hdr, '<f4').copy()
ints[0:3] = 64; ints[7:10] = 64; ints[3] = 2; ints[23] = 0      # nx ny nz, mx my mz, mode, nsymbt
floats[10:13] = 64.0                                          # cell (1 Å voxels)
floats[19], floats[20], floats[21] = crop.min(), crop.max(), crop.mean()
hdr = bytearray(ints.tobytes())
hdr[40:52] = floats[10:13].tobytes(); hdr[76:88] = floats[19:22].tobytes()
open(dst, 'wb').write(bytes(hdr) + crop.astype('<f4').tobytes())
PY

cat > "$tmp/ang.star" <<'STAR'

data_optics

loop_
_rlnOpticsGroup #1
_rlnOpticsGroupName #2
_rlnImagePixelSize #3
_rlnVoltage #4
_rlnSphericalAberration #5
_rlnAmplitudeContrast #6
_rlnImageSize #7
_rlnImageDimensionality #8
1 opticsGroup1 1.0 300 2.7 0.1 64 2

data_particles

loop_
_rlnAngleRot #1
_rlnAngleTilt #2
_rlnAnglePsi #3
_rlnOriginXAngst #4
_rlnOriginYAngst #5
_rlnOpticsGroup #6
_rlnImageName #7
    0.000000     0.000000     0.000000     0.000000     0.000000 1 000001@dummy.mrcs
    0.000000     0.000000    30.000000     0.000000     0.000000 1 000002@dummy.mrcs
    0.000000    90.000000     0.000000     0.000000     0.000000 1 000003@dummy.mrcs
   90.000000    90.000000     0.000000     0.000000     0.000000 1 000004@dummy.mrcs
   30.000000   120.000000    45.000000     0.000000     0.000000 1 000005@dummy.mrcs
  355.858841    72.200518   240.688133     0.000000     0.000000 1 000006@dummy.mrcs
  178.751045    42.736465   137.511331     0.000000     0.000000 1 000007@dummy.mrcs
STAR

cd "$tmp"
relion_project --i map64.mrc --o rln_proj_64 --ang ang.star --angpix 1 > project.log 2>&1
cd "$root"
cp "$tmp/rln_proj_64.mrcs" "$tmp/rln_proj_64.star" "$out/"
echo "wrote $out/rln_proj_64.mrcs and .star"
