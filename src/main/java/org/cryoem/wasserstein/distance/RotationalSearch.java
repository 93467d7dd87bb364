package org.cryoem.wasserstein.distance;

import org.cryoem.wasserstein.image.Rotation;

/**
 * The rotation-invariant distance between two single images: the least
 * d(A, R_θ(B)) over m equally spaced angles θ = 360°·r/m, ties going to the
 * smaller angle.
 */
public final class RotationalSearch {

	/** The best rotation of B and the distance it reaches. */
	public static final class Match {

		/** Rotation index r in 0..m−1. */
		public final int rotation;
		/** Angle in degrees, 360·r/m (positive: clockwise on screen). */
		public final double angleDegrees;
		/** d(A, R_angle(B)). */
		public final double distance;

		Match(final int rotation, final double angleDegrees, final double distance) {
			this.rotation = rotation;
			this.angleDegrees = angleDegrees;
			this.distance = distance;
		}
	}

	private RotationalSearch() {}

	/**
	 * @param metric the distance
	 * @param a image A, size·size pixels (not modified)
	 * @param b image B, size·size pixels (not modified), rotated over the angles
	 * @param size edge length N
	 * @param rotations number m of angles (≥ 1)
	 */
	public static Match best(final Metric metric, final float[] a, final float[] b, final int size,
		final int rotations)
	{
		if (rotations < 1) throw new IllegalArgumentException("rotations must be at least 1, got " +
			rotations);
		final int dim = metric.embeddingLength(size);
		final float[] ea = new float[dim];
		final float[] eb = new float[dim];
		final float[] buffer = new float[size * size];
		metric.embed(a, size, ea);
		double best = Double.POSITIVE_INFINITY;
		int bestR = 0;
		for (int r = 0; r < rotations; r++) {
			Rotation.rotate(b, size, r, rotations, buffer);
			metric.embed(buffer, size, eb);
			final double cost = metric.partial(ea, eb, best);
			if (cost < best) {
				best = cost;
				bestR = r;
			}
		}
		return new Match(bestR, 360.0 * bestR / rotations, metric.finish(best));
	}
}
