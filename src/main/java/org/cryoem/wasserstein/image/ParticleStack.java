package org.cryoem.wasserstein.image;

import java.util.Arrays;

/**
 * An immutable-by-contract stack of {@code count} square {@code size}×{@code size}
 * float images.
 * <p>
 * <b>Pixel convention:</b> pixel (x, y) is column x of row y, stored at index
 * {@code y * size + x}; rows are in file order, so row 0 is the first row of an
 * MRC file (as mrcfile/numpy show it) and the top row as ImageJ displays it.
 * </p>
 * <p>
 * The core never writes into the arrays of a stack it is given; the arrays are
 * exposed without copying for speed, and callers must not modify them either.
 * </p>
 */
public final class ParticleStack {

	private final int size;
	private final float[][] images;

	/**
	 * @param size edge length N of every image
	 * @param images images, each of length N·N; the arrays are taken over, not copied
	 */
	public ParticleStack(final int size, final float[][] images) {
		if (size < 1) throw new IllegalArgumentException("Image size must be positive, got " + size);
		for (int i = 0; i < images.length; i++) {
			if (images[i] == null || images[i].length != size * size) {
				throw new IllegalArgumentException("Image " + (i + 1) + " does not have " + size + "×" +
					size + " pixels");
			}
		}
		this.size = size;
		this.images = images;
	}

	/** @return number of images n */
	public int count() {
		return images.length;
	}

	/** @return edge length N */
	public int size() {
		return size;
	}

	/** @return the pixels of image i (0-based), row-major; do not modify */
	public float[] image(final int i) {
		return images[i];
	}

	/** @return a deep copy whose arrays may be modified freely */
	public ParticleStack copy() {
		final float[][] c = new float[images.length][];
		for (int i = 0; i < c.length; i++)
			c[i] = Arrays.copyOf(images[i], images[i].length);
		return new ParticleStack(size, c);
	}
}
