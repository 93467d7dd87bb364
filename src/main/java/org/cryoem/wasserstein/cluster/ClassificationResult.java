package org.cryoem.wasserstein.cluster;

/**
 * The outcome of one classification run. Classes are numbered 0..k−1 in order
 * of decreasing occupancy (ties: lower index first), so class 0 is the largest.
 */
public final class ClassificationResult {

	/** Edge length N of the images and class averages. */
	public final int size;
	/** Per particle: class index 0..k−1. */
	public final int[] classOf;
	/** Per particle: rotation index r in 0..m−1 of the best match. */
	public final int[] rotationOf;
	/** Per particle: in-plane angle in degrees, 360·r/m. */
	public final double[] angleOf;
	/** Per particle: distance d(I_i, R_angle(C_class)) at the final assignment. */
	public final double[] distanceOf;
	/** Per class: the class average, size·size pixels, row-major. */
	public final float[][] classAverages;
	/** Per class: number of members. */
	public final int[] occupancy;
	/** Per Lloyd iteration: the loss Σ d². */
	public final double[] loss;
	/** Per Lloyd iteration: wall seconds. */
	public final double[] secondsPerIteration;
	/** Wall seconds of the k-means++ initialisation. */
	public final double initSeconds;
	/** Number of rotations m. */
	public final int rotations;
	/**
	 * Fast search statistic: the percentage of the brute-force terms (every
	 * image against every rotated centroid, every embedding element) that the
	 * search did not need: W1, those of candidates dropped by the bounds
	 * before their last block (sums that the four-image kernel computes for
	 * dropped candidates are not counted); L2, the elements outside the
	 * images' support, as the inner products skip them, less the candidates
	 * computed again exactly. 0 for the exhaustive search. It does not depend
	 * on the thread count.
	 */
	public double prunedPercent;
	/**
	 * Fast W1 search with the Vector API: the percentage of (image, centroid)
	 * searches that went on block by block over many tiles after their tile
	 * turned sparse (a diagnostic; 0 otherwise).
	 */
	public double sparsePercent;
	/** Wall seconds spent rotating and embedding centroids (all searches, init included). */
	public double embedSeconds;
	/** Wall seconds spent comparing images with rotated centroids (all searches). */
	public double searchSeconds;

	public ClassificationResult(final int size, final int[] classOf, final int[] rotationOf,
		final double[] angleOf, final double[] distanceOf, final float[][] classAverages,
		final int[] occupancy, final double[] loss, final double[] secondsPerIteration,
		final double initSeconds, final int rotations)
	{
		this.size = size;
		this.classOf = classOf;
		this.rotationOf = rotationOf;
		this.angleOf = angleOf;
		this.distanceOf = distanceOf;
		this.classAverages = classAverages;
		this.occupancy = occupancy;
		this.loss = loss;
		this.secondsPerIteration = secondsPerIteration;
		this.initSeconds = initSeconds;
		this.rotations = rotations;
	}

	/** @return number of classes k */
	public int classCount() {
		return classAverages.length;
	}

	/** @return number of particles n */
	public int particleCount() {
		return classOf.length;
	}

	/** @return number of Lloyd iterations run */
	public int iterations() {
		return loss.length;
	}

	/** @return mean distance of the members of class c to its average, NaN if empty */
	public double meanDistance(final int c) {
		double s = 0;
		int n = 0;
		for (int i = 0; i < classOf.length; i++) {
			if (classOf[i] == c) {
				s += distanceOf[i];
				n++;
			}
		}
		return n == 0 ? Double.NaN : s / n;
	}
}
