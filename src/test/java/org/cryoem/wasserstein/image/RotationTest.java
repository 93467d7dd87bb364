package org.cryoem.wasserstein.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cryoem.wasserstein.TestImages;
import org.junit.jupiter.api.Test;

class RotationTest {

	@Test
	void zeroAngleIsIdentity() {
		final float[] img = TestImages.shape(0, 33);
		final float[] out = new float[img.length];
		Rotation.rotate(img, 33, 0, out);
		assertArrayEquals(img, out, 1e-6f);
	}

	@Test
	void quarterTurnsArePixelExactAboutTheCentre() {
		for (final int size : new int[] { 32, 33 }) {
			final float[] img = TestImages.shape(2, size);
			final float[] out = new float[img.length];
			Rotation.rotate(img, size, Math.PI / 2, out);
			// Content at offset (u, v) moves to (-v, u): src(x, y) = dst(N-1-y, x).
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					assertEquals(img[y * size + x], out[x * size + (size - 1 - y)], 1e-5f);
		}
	}

	@Test
	void positiveAngleTurnsClockwiseOnScreen() {
		// A single bright pixel right of the centre (x > c, same row) must move
		// down (larger y) for a small positive angle: clockwise with rows growing down.
		final int size = 33;
		final float[] img = new float[size * size];
		img[16 * size + 28] = 1;
		final float[] out = new float[img.length];
		Rotation.rotate(img, size, Math.PI / 2, out);
		assertEquals(1f, out[28 * size + 16], 1e-6f);
	}

	@Test
	void outsideIsZeroAndRotationPreservesMassOfCentredBlob() {
		final int size = 48;
		final float[] img = new float[size * size];
		TestImages.blob(img, size, 23.5, 23.5, 4, 1);
		final float[] out = new float[img.length];
		Rotation.rotate(img, size, 0.7, out);
		double a = 0, b = 0;
		for (int i = 0; i < img.length; i++) {
			a += img[i];
			b += out[i];
		}
		assertEquals(a, b, 1e-3 * a);
		final float[] ones = new float[size * size];
		java.util.Arrays.fill(ones, 1f);
		Rotation.rotate(ones, size, Math.PI / 4, out);
		assertEquals(0f, out[0]);
		assertTrue(out[(size / 2) * size + size / 2] > 0.99f);
	}

	@Test
	void maskZeroesOutsideTheInscribedCircle() {
		final int size = 16;
		final CircularMask mask = new CircularMask(size, (size - 1) / 2.0);
		assertTrue(mask.contains(1, 7));
		assertTrue(!mask.contains(0, 7));
		assertTrue(!mask.contains(0, 0));
		final float[] ones = new float[size * size];
		java.util.Arrays.fill(ones, 1f);
		final float[] out = new float[ones.length];
		mask.apply(ones, out);
		assertEquals(0f, out[0]);
		assertEquals(1f, ones[0], "input untouched");
		new CircularMask(size, 0).apply(ones, out);
		assertEquals(1f, out[0], "radius 0 is no mask");
	}
}
