package org.cryoem.wasserstein.image;

/**
 * A hard circular mask about the pixel centre ((N−1)/2, (N−1)/2): pixels whose
 * centre lies farther than the radius from it are set to zero. The paper's
 * default radius is (N−1)/2, the inscribed circle.
 */
public final class CircularMask {

	private final int size;
	private final boolean[] inside;

	/**
	 * @param size edge length N
	 * @param radius radius in pixels; 0 or less means no mask
	 */
	public CircularMask(final int size, final double radius) {
		this.size = size;
		this.inside = new boolean[size * size];
		final double c = (size - 1) / 2.0;
		final double r2 = radius * radius;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				final double dx = x - c;
				final double dy = y - c;
				inside[y * size + x] = radius <= 0 || dx * dx + dy * dy <= r2 + 1e-9;
			}
		}
	}

	/** Copies {@code src} into {@code dst} with pixels outside the mask set to zero. */
	public void apply(final float[] src, final float[] dst) {
		for (int i = 0; i < size * size; i++)
			dst[i] = inside[i] ? src[i] : 0f;
	}

	/** @return whether pixel (x, y) is inside the mask */
	public boolean contains(final int x, final int y) {
		return inside[y * size + x];
	}
}
