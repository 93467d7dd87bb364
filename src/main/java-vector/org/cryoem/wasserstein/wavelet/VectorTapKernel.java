package org.cryoem.wasserstein.wavelet;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TapKernel} with the incubating Vector API: one lane per output
 * position x, four vectors of positions at a time so that their sums stay in
 * registers over all taps. Each lane does the plain loop's double operations
 * in the same order, so the results are the same bit for bit.
 */
public final class VectorTapKernel implements TapKernel {

	private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
	private static final int L = S.length();

	@Override
	public int filter(final double[][] src, final int[] rows, final double[] cl, final double[] ch,
		final int taps, final int width, final double[] lo, final double[] hi)
	{
		int x = 0;
		for (; x + 4 * L <= width; x += 4 * L) {
			DoubleVector l0 = DoubleVector.zero(S), l1 = l0, l2 = l0, l3 = l0;
			DoubleVector h0 = l0, h1 = l0, h2 = l0, h3 = l0;
			for (int j = 0; j < taps; j++) {
				final double[] s = src[rows[j]];
				final double a = cl[j], b = ch[j];
				final DoubleVector v0 = DoubleVector.fromArray(S, s, x);
				final DoubleVector v1 = DoubleVector.fromArray(S, s, x + L);
				final DoubleVector v2 = DoubleVector.fromArray(S, s, x + 2 * L);
				final DoubleVector v3 = DoubleVector.fromArray(S, s, x + 3 * L);
				l0 = l0.add(v0.mul(a));
				h0 = h0.add(v0.mul(b));
				l1 = l1.add(v1.mul(a));
				h1 = h1.add(v1.mul(b));
				l2 = l2.add(v2.mul(a));
				h2 = h2.add(v2.mul(b));
				l3 = l3.add(v3.mul(a));
				h3 = h3.add(v3.mul(b));
			}
			l0.intoArray(lo, x);
			l1.intoArray(lo, x + L);
			l2.intoArray(lo, x + 2 * L);
			l3.intoArray(lo, x + 3 * L);
			h0.intoArray(hi, x);
			h1.intoArray(hi, x + L);
			h2.intoArray(hi, x + 2 * L);
			h3.intoArray(hi, x + 3 * L);
		}
		for (; x + L <= width; x += L) {
			DoubleVector l = DoubleVector.zero(S), h = l;
			for (int j = 0; j < taps; j++) {
				final DoubleVector v = DoubleVector.fromArray(S, src[rows[j]], x);
				l = l.add(v.mul(cl[j]));
				h = h.add(v.mul(ch[j]));
			}
			l.intoArray(lo, x);
			h.intoArray(hi, x);
		}
		return x;
	}
}
