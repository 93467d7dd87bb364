#!/usr/bin/python3
"""Generates src/main/java/org/cryoem/wasserstein/wavelet/WaveletFilters.java.

The decomposition filters of orthogonal wavelets are mathematical constants;
this script copies them from PyWavelets (Debian's python3-pywt) so that the
Java DWT matches pywt coefficient for coefficient.  Doubles are written with
repr(), which round-trips exactly.

Run from the repository root:
    /usr/bin/python3 src/test/python/generate_wavelet_filters.py
"""
import os
import pywt

FAMILIES = [("db", 1, 20), ("sym", 2, 20), ("coif", 1, 17)]
OUT = os.path.join("src", "main", "java", "org", "cryoem", "wasserstein",
                   "wavelet", "WaveletFilters.java")


def arr(values):
    body = ", ".join(repr(float(v)) for v in values)
    return "new double[] { " + body + " }"


def main():
    names = ["haar"] + [f"{f}{i}" for f, lo, hi in FAMILIES
                        for i in range(lo, hi + 1)]
    lines = []
    for n in names:
        w = pywt.Wavelet(n)
        assert w.orthogonal, n
        lines.append(f"\t\t\tcase \"{n}\":\n\t\t\t\treturn new double[][] {{\n"
                     f"\t\t\t\t\t{arr(w.dec_lo)},\n\t\t\t\t\t{arr(w.dec_hi)} }};")
    src = f"""package org.cryoem.wasserstein.wavelet;

/**
 * Decomposition filters (dec_lo, dec_hi) of orthogonal wavelets, exactly as in
 * PyWavelets {pywt.__version__}.
 * <p>
 * GENERATED FILE, do not edit: produced by
 * {{@code src/test/python/generate_wavelet_filters.py}} from PyWavelets
 * ({{@code pywt.Wavelet(name).dec_lo / dec_hi}}).
 * </p>
 */
final class WaveletFilters {{

	private WaveletFilters() {{}}

	/** Families as "prefix", first order, last order (haar is db1). */
	static final Object[][] FAMILIES = {{
{chr(10).join(f'		{{ "{f}", {lo}, {hi} }},' for f, lo, hi in FAMILIES)}
	}};

	/**
	 * @param name lower-case PyWavelets name
	 * @return {{dec_lo, dec_hi}}, or null if unknown
	 */
	static double[][] lookup(final String name) {{
		switch (name) {{
{chr(10).join(lines)}
			default:
				return null;
		}}
	}}
}}
"""
    with open(OUT, "w") as fh:
        fh.write(src)
    print("wrote", OUT, len(names), "wavelets")


if __name__ == "__main__":
    main()
