package org.cryoem.wasserstein.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhantomTest {

	@Test
	void deterministicAndCentred() {
		final float[] a = Phantom.create(48, 9);
		assertArrayEquals(a, Phantom.create(48, 9));
		double m = 0, mx = 0, my = 0, mz = 0;
		for (int z = 0; z < 48; z++)
			for (int y = 0; y < 48; y++)
				for (int x = 0; x < 48; x++) {
					final double v = a[(z * 48 + y) * 48 + x];
					assertTrue(v >= 0);
					m += v;
					mx += v * x;
					my += v * y;
					mz += v * z;
				}
		assertEquals(24, mx / m, 0.5);
		assertEquals(24, my / m, 0.5);
		assertEquals(24, mz / m, 0.5);
		// Nothing touches the faces of the box.
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 48; x++)
				assertTrue(a[y * 48 + x] < 1e-3 * max(a));
	}

	/**
	 * No symmetry. Opposite views (along +axis and −axis) are always mirror
	 * images of each other, so they match under an in-plane rotation only if the
	 * projection has a mirror line; views along different axes match under
	 * rotation (and mirroring) only if the map has a symmetry relating them.
	 * Neither may happen for the phantom.
	 */
	@Test
	void hasNoSymmetry() {
		// Odd size: the projection centre ⌊n/2⌋ and the rotation centre (n − 1)/2 coincide.
		final int n = 49;
		final Projector p = new Projector(Phantom.create(n, 4), n);
		// Views along +z, +x, +y and their opposites (tilt 180 flips the view).
		final double[][] plus = { { 0, 0, 0 }, { 0, 90, 0 }, { 90, 90, 0 } };
		final double[][] minus = { { 0, 180, 0 }, { 180, 90, 0 }, { 270, 90, 0 } };
		final float[][] a = new float[3][], b = new float[3][];
		for (int i = 0; i < 3; i++) {
			a[i] = p.project(plus[i][0], plus[i][1], plus[i][2], n);
			b[i] = p.project(minus[i][0], minus[i][1], minus[i][2], n);
			// Sanity: opposite views are mirror images.
			assertTrue(bestRotatedCorrelation(a[i], b[i], n, true) > 0.99);
			assertTrue(bestRotatedCorrelation(a[i], b[i], n, false) < 0.95, "view " + i +
				": ± views match under rotation");
		}
		for (int i = 0; i < 3; i++)
			for (int j = i + 1; j < 3; j++) {
				assertTrue(bestRotatedCorrelation(a[i], a[j], n, true) < 0.95, "views " + i + ", " + j +
					" match");
			}
		// 2-fold axes along x, y, z: the map differs from its rotation by 180°.
		final float[] map = Phantom.create(n, 4);
		double diff = 0, norm = 0;
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					final double v = map[(z * n + y) * n + x];
					// 2-fold about z through the centre voxel 24
					final double r = map[(z * n + (n - 1 - y)) * n + (n - 1 - x)];
					diff += (v - r) * (v - r);
					norm += v * v;
				}
		assertTrue(diff / norm > 0.3, "2-fold about z: relative difference " + diff / norm);
	}

	/** Best Pearson correlation of a with b rotated in 1° steps (and mirrored, if asked). */
	private static double bestRotatedCorrelation(final float[] a, final float[] b, final int n,
		final boolean mirror)
	{
		double best = -1;
		final float[] buf = new float[n * n];
		for (final float[] c : mirror ? new float[][] { b, mirror(b, n) } : new float[][] { b }) {
			for (int d = 0; d < 360; d++) {
				org.cryoem.wasserstein.image.Rotation.rotate(c, n, Math.toRadians(d), buf);
				best = Math.max(best, ProjectorTest.pearson(a, buf));
			}
		}
		return best;
	}

	private static float[] mirror(final float[] img, final int n) {
		final float[] o = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				o[y * n + x] = img[y * n + n - 1 - x];
		return o;
	}

	private static double max(final float[] a) {
		double m = 0;
		for (final float v : a)
			m = Math.max(m, v);
		return m;
	}
}
