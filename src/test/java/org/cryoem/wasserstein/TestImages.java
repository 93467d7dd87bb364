package org.cryoem.wasserstein;

import java.util.Random;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Rotation;

/** Synthetic test images: distinct, asymmetric shapes made of Gaussian blobs. */
public final class TestImages {

	private TestImages() {}

	/** Adds a Gaussian blob of the given amplitude and width at (cx, cy). */
	public static void blob(final float[] img, final int size, final double cx, final double cy,
		final double sigma, final double amplitude)
	{
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				final double dx = x - cx, dy = y - cy;
				img[y * size + x] += (float) (amplitude * Math.exp(-(dx * dx + dy * dy) / (2 * sigma *
					sigma)));
			}
	}

	/**
	 * Shape number {@code s} (0..5), centred in a size×size image: each a
	 * different asymmetric arrangement of blobs, so no two match under any rotation.
	 */
	public static float[] shape(final int s, final int size) {
		final float[] img = new float[size * size];
		final double c = (size - 1) / 2.0, u = size / 8.0;
		switch (s) {
			case 0: // an "L"
				for (int i = -2; i <= 2; i++) blob(img, size, c - u, c + i * u, u * 0.5, 1);
				for (int i = 0; i <= 2; i++) blob(img, size, c - u + i * u, c + 2 * u, u * 0.5, 1);
				break;
			case 1: // one big blob with a small satellite
				blob(img, size, c, c, u * 1.3, 1.2);
				blob(img, size, c + 2.4 * u, c - 0.5 * u, u * 0.45, 1);
				break;
			case 2: // a "T"
				for (int i = -2; i <= 2; i++) blob(img, size, c + i * u, c - 1.5 * u, u * 0.5, 1);
				for (int i = -1; i <= 2; i++) blob(img, size, c, c + i * u, u * 0.5, 1);
				break;
			case 3: // three blobs of different sizes in a triangle
				blob(img, size, c - 1.8 * u, c - 1.2 * u, u * 0.9, 1);
				blob(img, size, c + 1.8 * u, c - 1.0 * u, u * 0.5, 1);
				blob(img, size, c + 0.2 * u, c + 2.0 * u, u * 0.7, 0.7);
				break;
			case 4: // an elongated bar with a knob at one end
				for (int i = -2; i <= 2; i++) blob(img, size, c + i * u, c + 0.3 * i, u * 0.6, 0.8);
				blob(img, size, c + 2.5 * u, c + 1.2 * u, u * 0.7, 1.3);
				break;
			case 5: // a ring segment
				for (int a = 0; a < 9; a++) {
					final double t = Math.PI * a / 6;
					blob(img, size, c + 2.2 * u * Math.cos(t), c + 2.2 * u * Math.sin(t), u * 0.45, 1);
				}
				break;
			default:
				throw new IllegalArgumentException("shape " + s);
		}
		return img;
	}

	/**
	 * {@code perShape} copies of each of {@code shapes} shapes, each rotated by a
	 * random angle and with Gaussian noise of standard deviation {@code noise}, in
	 * shuffled order. {@code truth[i]} receives the shape of image i.
	 */
	public static ParticleStack rotatedShapes(final int shapes, final int perShape, final int size,
		final double noise, final long seed, final int[] truth)
	{
		final Random random = new Random(seed);
		final int n = shapes * perShape;
		final int[] order = new int[n];
		for (int i = 0; i < n; i++) order[i] = i % shapes;
		for (int i = n - 1; i > 0; i--) {
			final int j = random.nextInt(i + 1);
			final int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		final float[][] images = new float[n][size * size];
		for (int i = 0; i < n; i++) {
			truth[i] = order[i];
			Rotation.rotate(shape(order[i], size), size, random.nextDouble() * 2 * Math.PI, images[i]);
			for (int p = 0; p < images[i].length; p++)
				images[i][p] += (float) (noise * random.nextGaussian());
		}
		return new ParticleStack(size, images);
	}

	/** Adjusted Rand index of two labelings. */
	public static double adjustedRandIndex(final int[] a, final int[] b) {
		int ka = 0, kb = 0;
		for (final int v : a) ka = Math.max(ka, v + 1);
		for (final int v : b) kb = Math.max(kb, v + 1);
		final long[][] table = new long[ka][kb];
		final long[] rows = new long[ka], cols = new long[kb];
		for (int i = 0; i < a.length; i++) {
			table[a[i]][b[i]]++;
			rows[a[i]]++;
			cols[b[i]]++;
		}
		double index = 0, sumRows = 0, sumCols = 0;
		for (final long[] row : table) for (final long v : row) index += choose2(v);
		for (final long v : rows) sumRows += choose2(v);
		for (final long v : cols) sumCols += choose2(v);
		final double expected = sumRows * sumCols / choose2(a.length);
		final double max = (sumRows + sumCols) / 2;
		return (index - expected) / (max - expected);
	}

	private static double choose2(final long v) {
		return v * (v - 1) / 2.0;
	}
}
