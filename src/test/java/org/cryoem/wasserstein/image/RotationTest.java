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

	/**
	 * The rotation, pixel by pixel, as it was first written (and as it is
	 * specified): the source position stepped along the row by adding cos and
	 * subtracting sin, every pixel tested for its four neighbours.
	 */
	private static void perPixel(final float[] src, final int size, final double angle,
		final float[] dst)
	{
		final double c = (size - 1) / 2.0, cos = Math.cos(angle), sin = Math.sin(angle);
		final int last = size - 1;
		for (int y = 0; y < size; y++) {
			final double v = y - c;
			double sx = c - cos * c + sin * v;
			double sy = c + sin * c + cos * v;
			for (int x = 0; x < size; x++) {
				if (sx >= 0 && sy >= 0 && sx < last && sy < last) {
					final int x0 = (int) sx, y0 = (int) sy;
					final double fx = sx - x0, fy = sy - y0;
					final int p = y0 * size + x0;
					final double p00 = src[p], p10 = src[p + 1];
					final double p01 = src[p + size], p11 = src[p + size + 1];
					final double top = p00 + fx * (p10 - p00);
					final double bottom = p01 + fx * (p11 - p01);
					dst[y * size + x] = (float) (top + fy * (bottom - top));
				}
				else dst[y * size + x] = Rotation.sample(src, size, sx, sy);
				sx += cos;
				sy -= sin;
			}
		}
	}

	@Test
	void sameAsPerPixelBitForBit() {
		final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		for (final int size : new int[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 32, 33, 64, 127, 128 }) {
			final float[] img = new float[size * size];
			for (int i = 0; i < img.length; i++)
				img[i] = (float) (random.nextDouble() * 2 - 1);
			final float[] expected = new float[img.length], actual = new float[img.length];
			final double[] angles = new double[260];
			for (int r = 0; r < 200; r++)
				angles[r] = Rotation.angle(r, 200);
			for (int j = 200; j < angles.length; j++)
				angles[j] = (random.nextDouble() - 0.5) * 1e3;
			angles[200] = -Math.PI / 4;
			angles[201] = 1e-17;
			angles[202] = Double.NaN;
			angles[203] = Double.POSITIVE_INFINITY;
			for (final double angle : angles) {
				perPixel(img, size, angle, expected);
				Rotation.rotate(img, size, angle, actual);
				for (int i = 0; i < img.length; i++)
					assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
						() -> "size " + size + ", angle " + angle);
			}
		}
	}

	/**
	 * Rotation index r of m: below m/g the rotation by angle(r, m) bit for
	 * bit; rotation r + m/g is rotation r turned by 360°/g exactly; and every
	 * one is the rotation by 360°·r/m up to the rounding of source positions.
	 */
	@Test
	void indexedRotationsTurnExactly() {
		final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
		for (final int size : new int[] { 1, 2, 5, 8, 9, 16, 33 })
			for (final int m : new int[] { 200, 12, 4, 30, 6, 2, 7, 1 }) {
				final float[] img = new float[size * size];
				for (int i = 0; i < img.length; i++)
					img[i] = (float) (random.nextDouble() * 2 - 1);
				final int g = Rotation.symmetry(m), q = m / g;
				assertEquals(m % 4 == 0 ? 4 : m % 2 == 0 ? 2 : 1, g);
				final float[] byAngle = new float[img.length], byIndex = new float[img.length],
					base = new float[img.length], turned = new float[img.length];
				for (int r = 0; r < m; r++) {
					final String what = "size " + size + ", m " + m + ", r " + r;
					Rotation.rotate(img, size, Rotation.angle(r, m), byAngle);
					Rotation.rotate(img, size, r, m, byIndex);
					if (r < q) assertArrayEquals(byAngle, byIndex, 0f, what);
					else {
						Rotation.rotate(img, size, r % q, m, turned);
						Rotation.turn(turned, size, r / q * (4 / g));
						for (int i = 0; i < img.length; i++)
							assertEquals(Float.floatToRawIntBits(turned[i]), Float.floatToRawIntBits(byIndex[i]),
								what);
						assertArrayEquals(byAngle, byIndex, 1e-5f, what);
					}
					Rotation.rotate(img, size, r + 3 * m, m, turned);
					assertArrayEquals(byIndex, turned, 0f, "r modulo m: " + what);
				}
			}
	}

	/**
	 * A quarter turn is the rotation by 90° (clockwise on screen) and moves
	 * every pixel as Q(x, y) = (y, N−1−x) says; four are the identity.
	 */
	@Test
	void turnIsTheQuarterRotation() {
		for (final int size : new int[] { 1, 2, 3, 6, 7 }) {
			final float[] img = new float[size * size];
			for (int p = 0; p < img.length; p++)
				img[p] = p + 1; // every pixel different
			final float[] rotated = new float[img.length];
			for (int quarters = -1; quarters <= 5; quarters++) {
				final float[] out = img.clone();
				Rotation.turn(out, size, quarters);
				for (int y = 0; y < size; y++)
					for (int x = 0; x < size; x++)
						assertEquals(img[Rotation.turned(x, y, size, quarters)], out[y * size + x],
							"size " + size + ", quarters " + quarters);
				Rotation.rotate(img, size, Math.PI / 2 * quarters, rotated);
				assertArrayEquals(rotated, out, 1e-4f * img.length, "size " + size + ", quarters " +
					quarters);
			}
			final float[] cur = img.clone();
			for (int t = 0; t < 4; t++)
				Rotation.turn(cur, size, 1);
			assertArrayEquals(img, cur, 0f);
		}
	}
}
