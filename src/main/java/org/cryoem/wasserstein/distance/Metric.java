package org.cryoem.wasserstein.distance;

/**
 * A distance between N×N images, factored as an embedding into a feature
 * vector followed by a cheap vector distance, so that each image and each
 * rotated centroid is embedded once and compared many times.
 * <p>
 * Implementations are immutable and thread-safe.
 * </p>
 */
public interface Metric {

	/** @return short lower-case name, e.g. "w1" or "l2" */
	String name();

	/** @return length of the embedding of one size×size image */
	int embeddingLength(int size);

	/**
	 * Embeds one image.
	 *
	 * @param image size·size pixels, row-major; not modified
	 * @param size edge length N
	 * @param out receives {@link #embeddingLength(int)} values
	 */
	void embed(float[] image, int size, float[] out);

	/**
	 * The distance between two embeddings.
	 */
	default double distance(final float[] a, final float[] b) {
		return finish(partial(a, b, Double.POSITIVE_INFINITY));
	}

	/**
	 * A monotone "partial cost" between two embeddings, with early exit: the
	 * exact cost if it is below {@code bound}, otherwise some value
	 * {@code >= bound}. The terms are accumulated in a fixed order, so the
	 * returned value never depends on the bound when it is below it.
	 * {@link #finish} turns a cost into a distance (identity for W1, square
	 * root for L2).
	 */
	double partial(float[] a, float[] b, double bound);

	/** Turns a {@link #partial} cost into a distance. */
	double finish(double cost);

	/** Inverse of {@link #finish}: the cost for a given distance. */
	double cost(double distance);
}
