package org.cryoem.wasserstein.evaluate;

import java.util.Arrays;

/**
 * How evenly particles spread over the classes.
 * <ul>
 * <li><b>max</b>: members of the largest class.</li>
 * <li><b>median</b>: median class size over all k classes, empty ones
 * included ({@link Quantiles} type 7: the mean of the two middle values for
 * even k).</li>
 * <li><b>Gini coefficient</b> G = Σ_i Σ_j |x_i − x_j| / (2·k²·x̄) over the k
 * class sizes x (empty classes included): 0 when all classes are equally
 * full, (k − 1)/k when one class holds every particle (the maximum for k
 * classes). 0 when there are no particles.</li>
 * </ul>
 */
public final class Occupancy {

	/** Number of classes k. */
	public final int classes;
	/** Number of particles Σ x. */
	public final long particles;
	/** Largest class size. */
	public final int max;
	/** Median class size. */
	public final double median;
	/** Gini coefficient in [0, (k − 1)/k]. */
	public final double gini;

	private Occupancy(final int classes, final long particles, final int max, final double median,
		final double gini)
	{
		this.classes = classes;
		this.particles = particles;
		this.max = max;
		this.median = median;
		this.gini = gini;
	}

	/**
	 * @param occupancy per class: number of members (≥ 0), at least one class
	 * @throws IllegalArgumentException for no classes or a negative size
	 */
	public static Occupancy of(final int[] occupancy) {
		if (occupancy.length == 0) throw new IllegalArgumentException("No classes");
		final double[] sorted = new double[occupancy.length];
		long total = 0;
		int max = 0;
		for (int c = 0; c < occupancy.length; c++) {
			if (occupancy[c] < 0) throw new IllegalArgumentException("Class " + (c + 1) +
				" has a negative size");
			sorted[c] = occupancy[c];
			total += occupancy[c];
			max = Math.max(max, occupancy[c]);
		}
		Arrays.sort(sorted);
		return new Occupancy(occupancy.length, total, max, Quantiles.of(sorted, 0.5), gini(sorted,
			total));
	}

	/** @return the Gini coefficient of class sizes, see the class documentation */
	public static double gini(final int[] occupancy) {
		return of(occupancy).gini;
	}

	/** G = (2·Σ_i i·x_(i)) / (k·Σx) − (k + 1)/k with x sorted ascending, i = 1..k. */
	private static double gini(final double[] sorted, final long total) {
		final int k = sorted.length;
		if (total == 0) return 0;
		double weighted = 0;
		for (int i = 0; i < k; i++)
			weighted += (i + 1) * sorted[i];
		return Math.max(0, 2 * weighted / ((double) k * total) - (k + 1.0) / k);
	}
}
