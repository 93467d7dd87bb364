package org.cryoem.wasserstein.distance;

/**
 * Plain Euclidean (L2) distance between images: the embedding is the image
 * itself, the cost is the sum of squared differences and the distance its
 * square root.
 */
public final class L2Metric implements Metric {

	/** Name used on the command line and in macros. */
	public static final String NAME = "l2";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int embeddingLength(final int size) {
		return size * size;
	}

	@Override
	public void embed(final float[] image, final int size, final float[] out) {
		System.arraycopy(image, 0, out, 0, size * size);
	}

	@Override
	public double partial(final float[] a, final float[] b, final double bound) {
		final int n = a.length;
		double sum = 0;
		for (int start = 0; start < n; start += BLOCK) {
			final int end = Math.min(n, start + BLOCK);
			float s = 0;
			for (int i = start; i < end; i++) {
				final float d = a[i] - b[i];
				s += d * d;
			}
			sum += s;
			if (sum >= bound) return sum;
		}
		return sum;
	}

	@Override
	public double finish(final double cost) {
		return Math.sqrt(cost);
	}

	@Override
	public double cost(final double distance) {
		return distance * distance;
	}

	/** Block length between early-exit checks; sums inside a block are float. */
	static final int BLOCK = 256;
}
