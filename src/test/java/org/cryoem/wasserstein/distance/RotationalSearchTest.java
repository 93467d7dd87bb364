package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.image.Rotation;
import org.junit.jupiter.api.Test;

/** A rotated copy is found at its angle (±1 step) with a distance near 0. */
class RotationalSearchTest {

	@Test
	void findsTheAngleOfARotatedCopy() {
		final int size = 48, m = 60;
		final CircularMask mask = new CircularMask(size, (size - 1) / 2.0);
		for (final Metric metric : new Metric[] { W1Metric.paperDefault(), new L2Metric() }) {
			for (final int shape : new int[] { 0, 3, 4 }) {
				for (final int r : new int[] { 1, 17, 45 }) {
					final float[] b = new float[size * size], a = new float[size * size];
					mask.apply(TestImages.shape(shape, size), b);
					final float[] rotated = new float[size * size];
					Rotation.rotate(b, size, Rotation.angle(r, m), rotated);
					mask.apply(rotated, a);
					final RotationalSearch.Match match = RotationalSearch.best(metric, a, b, size, m);
					final int off = Math.floorMod(match.rotation - r + m / 2, m) - m / 2;
					assertTrue(Math.abs(off) <= 1, metric.name() + " shape " + shape + " r " + r +
						": found " + match.rotation);
					final RotationalSearch.Match none = RotationalSearch.best(metric, a, b, size, 1);
					// not exactly 0: bilinear interpolation blurs the rotated copy a little
					assertTrue(match.distance < 0.1 * none.distance, metric.name() + ": " +
						match.distance + " vs unrotated " + none.distance);
				}
			}
		}
		assertEquals(0.0, RotationalSearch.best(new L2Metric(), new float[256], new float[256], 16, 4)
			.angleDegrees, "ties go to the smallest angle");
	}
}
