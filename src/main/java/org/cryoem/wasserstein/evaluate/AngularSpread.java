package org.cryoem.wasserstein.evaluate;

import java.util.Arrays;

/**
 * Angular spread of classes: how far apart the viewing directions of the
 * members of each class are (Rao, Moscovich and Singer 2020, Figure 2). A
 * good 2D classification groups particles seen from similar directions, so
 * small angles are better.
 *
 * <h2>Definition</h2>
 * <p>
 * For every class and every unordered pair of distinct members i &lt; j, the
 * pair angle is arccos(d_i·d_j) in degrees (0–180), d being the unit viewing
 * directions (normalised here; the dot product is clamped to [−1, 1]). The
 * in-plane rotation plays no part. Angles of all classes are pooled into one
 * sample of Σ_c m_c(m_c − 1)/2 values; classes with fewer than two members
 * contribute none. Particles with a negative class label are ignored.
 * </p>
 * <p>
 * Reported: the median, mean, 25th and 75th percentiles ({@link Quantiles},
 * type 7 linear interpolation) and the fraction of pair angles strictly
 * below 20°; all NaN when there are no pairs.
 * </p>
 *
 * <h2>Memory</h2> Up to {@code exactLimit} pairs (default
 * {@value #DEFAULT_EXACT_LIMIT}, 80 MB of floats; 10,000 particles in 150
 * classes are ≈ 330,000) the angles are kept and sorted: exact quantiles.
 * Beyond that (e.g. one huge class) they are streamed into a histogram of
 * {@value #FINE_BIN_DEG}° bins; the mean and the fraction below 20° stay exact
 * and each order statistic is placed uniformly within its bin, so the
 * quantiles are within {@value #FINE_BIN_DEG}° of the exact ones. Time grows
 * with the number of pairs either way.
 */
public final class AngularSpread {

	/** Default largest number of pairs kept exactly. */
	public static final long DEFAULT_EXACT_LIMIT = 20_000_000L;
	/** Bin width of the streaming histogram, degrees. */
	public static final double FINE_BIN_DEG = 0.001;
	/** The threshold of {@link #fractionBelow20}. */
	public static final double THRESHOLD_DEG = 20;

	private static final int FINE_BINS = (int) Math.round(180 / FINE_BIN_DEG);

	/** Number of pairs pooled. */
	public final long pairs;
	/** Median pair angle, degrees. */
	public final double median;
	/** Mean pair angle, degrees. */
	public final double mean;
	/** 25th percentile, degrees. */
	public final double p25;
	/** 75th percentile, degrees. */
	public final double p75;
	/** Fraction of pair angles &lt; 20°. */
	public final double fractionBelow20;
	/** Whether the quantiles are exact (all angles kept) rather than from the fine histogram. */
	public final boolean exact;

	private final long[] histogram;

	private AngularSpread(final long pairs, final double median, final double mean,
		final double p25, final double p75, final double fractionBelow20, final boolean exact,
		final long[] histogram)
	{
		this.pairs = pairs;
		this.median = median;
		this.mean = mean;
		this.p25 = p25;
		this.p75 = p75;
		this.fractionBelow20 = fractionBelow20;
		this.exact = exact;
		this.histogram = histogram;
	}

	/**
	 * Pair-angle counts in 180 bins of 1°: bin b holds angles in [b, b + 1),
	 * the last bin also 180° itself.
	 *
	 * @return a copy
	 */
	public long[] histogram() {
		return histogram.clone();
	}

	/** @return the histogram as a density: fraction of pairs per degree (sums to 1; zeros if no pairs) */
	public double[] density() {
		final double[] d = new double[histogram.length];
		if (pairs > 0) for (int b = 0; b < d.length; b++)
			d[b] = histogram[b] / (double) pairs;
		return d;
	}

	/** @see #of(int[], double[][], long) */
	public static AngularSpread of(final int[] classOf, final double[][] directions) {
		return of(classOf, directions, DEFAULT_EXACT_LIMIT);
	}

	/**
	 * Computes the angular spread of a classification.
	 *
	 * @param classOf per particle: class label (≥ 0; negative labels are ignored)
	 * @param directions per particle: viewing direction (any non-zero length)
	 * @param exactLimit largest number of pairs kept exactly (≤ 2³¹ − 9)
	 * @throws IllegalArgumentException if the arrays differ in length or a direction is zero or not finite
	 */
	public static AngularSpread of(final int[] classOf, final double[][] directions,
		final long exactLimit)
	{
		if (classOf.length != directions.length) throw new IllegalArgumentException(
			"Got " + classOf.length + " class labels but " + directions.length + " directions");
		final int n = classOf.length;
		final double[][] unit = new double[n][];
		int k = 0;
		for (int i = 0; i < n; i++) {
			final double[] d = directions[i];
			final double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
			if (!(norm > 0) || !Double.isFinite(norm)) throw new IllegalArgumentException(
				"Viewing direction " + (i + 1) + " is zero or not finite");
			unit[i] = new double[] { d[0] / norm, d[1] / norm, d[2] / norm };
			k = Math.max(k, classOf[i] + 1);
		}
		final int[][] members = members(classOf, k);
		long pairs = 0;
		for (final int[] m : members)
			pairs += (long) m.length * (m.length - 1) / 2;
		final boolean exact = pairs <= Math.min(exactLimit, Integer.MAX_VALUE - 8);
		final double[] all = exact ? new double[(int) pairs] : null;
		final long[] fine = exact ? null : new long[FINE_BINS];
		final long[] coarse = new long[180];
		double sum = 0;
		long below = 0;
		int next = 0;
		for (final int[] m : members) {
			for (int a = 0; a < m.length; a++) {
				final double[] u = unit[m[a]];
				for (int b = a + 1; b < m.length; b++) {
					final double[] v = unit[m[b]];
					final double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
					final double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
					sum += angle;
					if (angle < THRESHOLD_DEG) below++;
					coarse[Math.min(179, (int) angle)]++;
					if (exact) all[next++] = angle;
					else fine[Math.min(FINE_BINS - 1, (int) (angle / FINE_BIN_DEG))]++;
				}
			}
		}
		if (pairs == 0) return new AngularSpread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
			Double.NaN, true, coarse);
		final double q25, q50, q75;
		if (exact) {
			Arrays.sort(all);
			q25 = Quantiles.of(all, 0.25);
			q50 = Quantiles.of(all, 0.5);
			q75 = Quantiles.of(all, 0.75);
		}
		else {
			q25 = histogramQuantile(fine, pairs, 0.25);
			q50 = histogramQuantile(fine, pairs, 0.5);
			q75 = histogramQuantile(fine, pairs, 0.75);
		}
		return new AngularSpread(pairs, q50, sum / pairs, q25, q75, below / (double) pairs, exact,
			coarse);
	}

	/** Type-7 quantile with order statistics placed uniformly inside their fine bins. */
	static double histogramQuantile(final long[] fine, final long total, final double p) {
		final double h = (total - 1) * p;
		final long lo = (long) Math.floor(h);
		final double a = orderStatistic(fine, lo);
		if (lo + 1 >= total) return a;
		return a + (h - lo) * (orderStatistic(fine, lo + 1) - a);
	}

	/** Approximate j-th (0-based) smallest value: the (r + ½)/count point of its bin. */
	private static double orderStatistic(final long[] fine, final long j) {
		long seen = 0;
		for (int b = 0; b < fine.length; b++) {
			if (fine[b] == 0) continue;
			if (j < seen + fine[b]) return (b + (j - seen + 0.5) / fine[b]) * FINE_BIN_DEG;
			seen += fine[b];
		}
		return 180;
	}

	private static int[][] members(final int[] classOf, final int k) {
		final int[] count = new int[k];
		for (final int c : classOf)
			if (c >= 0) count[c]++;
		final int[][] m = new int[k][];
		for (int c = 0; c < k; c++)
			m[c] = new int[count[c]];
		Arrays.fill(count, 0);
		for (int i = 0; i < classOf.length; i++)
			if (classOf[i] >= 0) m[classOf[i]][count[classOf[i]]++] = i;
		return m;
	}
}
