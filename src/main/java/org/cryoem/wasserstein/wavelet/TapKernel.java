package org.cryoem.wasserstein.wavelet;

import org.cryoem.wasserstein.Simd;

/**
 * Optional SIMD kernel for one output row of {@link Dwt2D}'s filtering:
 * {@code lo[x] = Σ_j cl[j]·src[rows[j]][x]} and the same for {@code hi} with
 * {@code ch}, the taps added one by one in increasing j into 0, exactly as
 * the plain loops add them (double products and sums, no fused multiply-add),
 * so the coefficients are the same bit for bit. Loaded by {@link Simd}: only
 * on a JVM started with {@code --add-modules jdk.incubator.vector}.
 */
interface TapKernel {

	/** The Vector API kernel, or null where it is unavailable or switched off. */
	TapKernel VECTOR = Simd.load(TapKernel.class, TapKernel.class.getPackage().getName() +
		".VectorTapKernel");

	/**
	 * Fills {@code lo} and {@code hi} for x in [0, end) with all {@code taps}
	 * taps.
	 *
	 * @return end: x from end to width are left to the caller
	 */
	int filter(double[][] src, int[] rows, double[] cl, double[] ch, int taps, int width,
		double[] lo, double[] hi);
}
