package org.cryoem.wasserstein.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class OrientationsTest {

	@Test
	void eulerMatrixIsRelions() {
		// RELION: rot = 90 alone maps x to −y in the particle frame (A = Rz(rot)).
		final double[][] A = Orientations.eulerToMatrix(90, 0, 0);
		assertArrayEquals(new double[] { 0, 1, 0 }, A[0], 1e-12);
		assertArrayEquals(new double[] { -1, 0, 0 }, A[1], 1e-12);
		assertArrayEquals(new double[] { 0, 0, 1 }, A[2], 1e-12);
		// tilt = 90: the viewing direction is +x.
		assertArrayEquals(new double[] { 1, 0, 0 }, Orientations.viewingDirection(Orientations
			.eulerToMatrix(0, 90, 0)), 1e-12);
		// Third row = (cos rot sin tilt, sin rot sin tilt, cos tilt), independent of psi.
		final double[][] B = Orientations.eulerToMatrix(30, 50, 77);
		assertArrayEquals(Orientations.viewingDirection(30, 50), Orientations.viewingDirection(B),
			1e-12);
	}

	@Test
	void matricesAreRotations() {
		final SplittableRandom r = new SplittableRandom(3);
		for (int t = 0; t < 100; t++) {
			final double[][] A = Orientations.randomMatrix(r);
			final double[][] AtA = Orientations.multiply(transpose(A), A);
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					assertEquals(i == j ? 1 : 0, AtA[i][j], 1e-12);
			assertEquals(1, det(A), 1e-12);
		}
	}

	@Test
	void eulerRoundTrip() {
		final SplittableRandom r = new SplittableRandom(7);
		for (int t = 0; t < 1000; t++) {
			final double[][] A = Orientations.randomMatrix(r);
			final double[] e = Orientations.matrixToEuler(A);
			assertTrue(e[1] >= 0 && e[1] <= 180, "tilt in [0, 180]");
			assertTrue(e[0] > -180 && e[0] <= 180 && e[2] > -180 && e[2] <= 180);
			final double[][] B = Orientations.eulerToMatrix(e[0], e[1], e[2]);
			for (int i = 0; i < 3; i++)
				assertArrayEquals(A[i], B[i], 1e-9);
			// and angles → matrix → angles
			final double[] e2 = Orientations.matrixToEuler(B);
			assertArrayEquals(e, e2, 1e-6);
		}
		// Gimbal lock: tilt 0 and 180 keep the matrix.
		for (final double[] e : new double[][] { { 40, 0, 10 }, { 40, 180, 10 } }) {
			final double[][] A = Orientations.eulerToMatrix(e[0], e[1], e[2]);
			final double[] f = Orientations.matrixToEuler(A);
			final double[][] B = Orientations.eulerToMatrix(f[0], f[1], f[2]);
			for (int i = 0; i < 3; i++)
				assertArrayEquals(A[i], B[i], 1e-9);
		}
	}

	@Test
	void relionFixtureAnglesRoundTrip() {
		final double[] e = { 355.858841, 72.200518, 240.688133 };
		final double[] f = Orientations.matrixToEuler(Orientations.eulerToMatrix(e[0], e[1], e[2]));
		assertArrayEquals(new double[] { e[0] - 360, e[1], e[2] - 360 }, f, 1e-9);
	}

	@Test
	void uniformity() {
		final SplittableRandom r = new SplittableRandom(11);
		final int n = 200_000;
		final double[] mean = new double[3];
		final int[] cosBins = new int[10];
		final int[] rotBins = new int[12];
		final int[] psiBins = new int[12];
		for (int t = 0; t < n; t++) {
			final double[] e = Orientations.randomEuler(r);
			final double[] d = Orientations.viewingDirection(e[0], e[1]);
			for (int a = 0; a < 3; a++)
				mean[a] += d[a] / n;
			cosBins[Math.min(9, (int) ((d[2] + 1) / 2 * 10))]++;
			rotBins[Math.min(11, (int) ((e[0] + 180) / 30))]++;
			psiBins[Math.min(11, (int) ((e[2] + 180) / 30))]++;
		}
		// Mean viewing direction ≈ 0: each coordinate has sd 1/sqrt(3n) ≈ 0.0013.
		for (int a = 0; a < 3; a++)
			assertEquals(0, mean[a], 0.008, "mean direction " + a);
		// cos tilt uniform, rot and psi uniform: every bin within 5 % of its expectation.
		for (final int b : cosBins)
			assertEquals(n / 10.0, b, n / 10.0 * 0.05);
		for (final int b : rotBins)
			assertEquals(n / 12.0, b, n / 12.0 * 0.05);
		for (final int b : psiBins)
			assertEquals(n / 12.0, b, n / 12.0 * 0.05);
	}

	@Test
	void angleBetween() {
		assertEquals(0, Orientations.angleBetween(new double[] { 0, 0, 1 }, new double[] { 0, 0, 2 }),
			1e-6);
		assertEquals(90, Orientations.angleBetween(new double[] { 1, 0, 0 }, new double[] { 0, 1,
			0 }), 1e-12);
		assertEquals(180, Orientations.angleBetween(new double[] { 1, 0, 0 }, new double[] { -1, 0,
			0 }), 1e-12);
		assertEquals(60, Orientations.angleBetween(Orientations.viewingDirection(0, 30), Orientations
			.viewingDirection(180, 30)), 1e-9);
	}

	static double[][] transpose(final double[][] A) {
		final double[][] T = new double[3][3];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				T[i][j] = A[j][i];
		return T;
	}

	static double det(final double[][] A) {
		return A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) - A[0][1] * (A[1][0] * A[2][2] -
			A[1][2] * A[2][0]) + A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
	}
}
