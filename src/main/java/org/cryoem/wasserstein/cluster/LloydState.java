package org.cryoem.wasserstein.cluster;

/**
 * The state of a classification run after k-means++ (iteration 0) or after a
 * Lloyd iteration: everything the rest of the run depends on, so that a run
 * continued from it ends exactly as an uninterrupted one.
 * <p>
 * No random-number state is needed: random draws happen only during k-means++
 * (from a {@link java.util.SplittableRandom} seeded with the seed); empty
 * classes are re-seeded deterministically (the image farthest from its
 * centroid). So after iteration 0 the run is a pure function of this state,
 * the input and the parameters, whatever the thread count.
 * </p>
 * <p>
 * Arrays are shared, not copied; nobody modifies them after the state is made.
 * </p>
 */
public final class LloydState {

	/** Lloyd iterations done (0: just after k-means++). */
	public final int iteration;
	/** Whether the run has stopped because the loss no longer decreased. */
	public final boolean converged;
	/** Per image: class (0..k−1, in the run's internal order) of the accepted assignment. */
	public final int[] classOf;
	/** Per image: rotation index 0..m−1 of the accepted assignment. */
	public final int[] rotationOf;
	/** Per image: the metric's cost (before {@code finish}) of the accepted assignment. */
	public final double[] cost;
	/** The k centroids the accepted assignment was searched with, N² pixels each. */
	public final float[][] centroids;
	/** Loss Σ d² of each Lloyd iteration done ({@link #iteration} values). */
	public final double[] loss;
	/** Wall seconds of each Lloyd iteration done. */
	public final double[] secondsPerIteration;
	/** Wall seconds of the k-means++ initialisation. */
	public final double initSeconds;

	/**
	 * @param iteration Lloyd iterations done
	 * @param converged whether the run has stopped on a loss that no longer decreased
	 * @param classOf per image, its class
	 * @param rotationOf per image, its rotation index
	 * @param cost per image, its cost
	 * @param centroids the k centroids
	 * @param loss loss per iteration done
	 * @param secondsPerIteration seconds per iteration done
	 * @param initSeconds seconds of the initialisation
	 */
	public LloydState(final int iteration, final boolean converged, final int[] classOf,
		final int[] rotationOf, final double[] cost, final float[][] centroids, final double[] loss,
		final double[] secondsPerIteration, final double initSeconds)
	{
		if (iteration < 0 || loss.length != iteration || secondsPerIteration.length != iteration)
			throw new IllegalArgumentException("Inconsistent iteration count " + iteration);
		if (rotationOf.length != classOf.length || cost.length != classOf.length)
			throw new IllegalArgumentException("Inconsistent per-image arrays");
		this.iteration = iteration;
		this.converged = converged;
		this.classOf = classOf;
		this.rotationOf = rotationOf;
		this.cost = cost;
		this.centroids = centroids;
		this.loss = loss;
		this.secondsPerIteration = secondsPerIteration;
		this.initSeconds = initSeconds;
	}
}
