package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The L2 embedding is a permutation of the pixels, centre first; the distance is Euclidean. */
class L2MetricTest {

	@Test
	void embeddingIsTheCentreOutPermutation() {
		for (final int size : new int[] { 1, 4, 5, 16, 33 }) {
			final L2Metric metric = new L2Metric();
			final float[] image = new float[size * size];
			for (int p = 0; p < image.length; p++)
				image[p] = p;
			final float[] e = new float[metric.embeddingLength(size)];
			metric.embed(image, size, e);
			final float[] sorted = e.clone();
			Arrays.sort(sorted);
			assertEquals(Arrays.toString(image), Arrays.toString(sorted), "a permutation");
			double last = -1;
			for (final float v : e) {
				final int x = (int) v % size, y = (int) v / size;
				final double r = Math.hypot(x - (size - 1) / 2.0, y - (size - 1) / 2.0);
				assertEquals(true, r >= last - 1e-12, "centre out at " + size);
				last = r;
			}
		}
	}

	@Test
	void distanceIsEuclidean() {
		final Random random = new Random(3);
		final int size = 24;
		final float[] a = new float[size * size], b = new float[size * size];
		double expected = 0;
		for (int p = 0; p < a.length; p++) {
			a[p] = (float) random.nextGaussian();
			b[p] = (float) random.nextGaussian();
			expected += (a[p] - b[p]) * (double) (a[p] - b[p]);
		}
		final L2Metric metric = new L2Metric();
		final float[] ea = new float[a.length], eb = new float[b.length];
		metric.embed(a, size, ea);
		metric.embed(b, size, eb);
		assertEquals(Math.sqrt(expected), metric.distance(ea, eb), 1e-5 * Math.sqrt(expected));
	}
}
