package org.cryoem.wasserstein.evaluate;

/**
 * Sample quantiles by linear interpolation between order statistics: for n
 * sorted values x₀ ≤ … ≤ x_{n−1} and 0 ≤ p ≤ 1, with h = (n − 1)·p,
 * Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋). This is Hyndman and Fan's
 * type 7, the default of numpy ({@code np.quantile}), R and Excel's
 * QUANTILE.INC; Q(0.5) is the usual median (mean of the two middle values for
 * even n).
 */
public final class Quantiles {

	private Quantiles() {}

	/**
	 * @param sorted values in ascending order; not modified
	 * @param p probability in [0, 1]
	 * @return Q(p), or NaN for an empty array
	 */
	public static double of(final double[] sorted, final double p) {
		if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("p must be in [0, 1], got " + p);
		final int n = sorted.length;
		if (n == 0) return Double.NaN;
		final double h = (n - 1) * p;
		final int lo = (int) Math.floor(h);
		if (lo >= n - 1) return sorted[n - 1];
		return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
	}
}
