package org.cryoem.wasserstein.wavelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Dwt2D#forward} against the transform written out from its
 * definition, bit for bit: each level filters along x (axis 1), then along y
 * (axis 0), and every output is Σ<sub>i</sub> f[i]·ext(x)[2k + F−1−i] with
 * the double products added one by one in increasing i into 0, the taps on
 * the zero extension left out. (The agreement with PyWavelets is
 * {@link Dwt2DTest}'s; this pins the rounding, on which the classifier's
 * results depend, so that a faster transform cannot change them.)
 */
class Dwt2DOrderTest {

	@Test
	void sameBitsAsTheDefinition() {
		final Random random = new Random(11);
		final String[][] cases = { { "sym5", "zero", "6", "128" }, { "sym5", "zero", "6", "33" },
			{ "haar", "zero", "3", "16" }, { "db2", "symmetric", "4", "29" }, { "sym8", "periodic",
				"3", "40" }, { "coif2", "constant", "2", "17" }, { "db4", "periodization", "3", "64" },
			{ "db3", "periodization", "2", "21" }, { "sym5", "zero", "7", "5" }, { "db1", "zero", "0",
				"9" }, { "sym4", "zero", "2", "1" } };
		for (final String[] c : cases) {
			final Dwt2D dwt = new Dwt2D(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]));
			final Dwt2D.Workspace ws = dwt.newWorkspace();
			final double[] out = new double[dwt.coefficientCount()];
			for (int rep = 0; rep < 3; rep++) {
				final int n = dwt.size();
				final float[] image = new float[n * n];
				for (int p = 0; p < image.length; p++)
					image[p] = rep == 2 && p % 3 == 0 ? 0f : (float) (random.nextGaussian() * Math.pow(10,
						random.nextInt(7) - 3));
				final float[] copy = image.clone();
				dwt.forward(image, out, ws);
				final double[] expected = definition(dwt, image);
				for (int i = 0; i < expected.length; i++)
					assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(out[i]),
						String.join("/", c) + " coefficient " + i + ": " + expected[i] + " against " + out[i]);
				assertEquals(Arrays.toString(copy), Arrays.toString(image),
					"the input is not modified");
			}
		}
	}

	/** The transform from its definition (slowly, allocating). */
	private static double[] definition(final Dwt2D dwt, final float[] image) {
		final int size = dwt.size(), levels = dwt.levels();
		final double[] out = new double[dwt.coefficientCount()];
		double[][] a = new double[size][size];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				a[y][x] = image[y * size + x];
		int n = size;
		for (int s = 0; s < levels; s++) {
			final int m = dwt.bandSize(levels - 1 - s);
			final double[] fl = dwt.wavelet().lo(), fh = dwt.wavelet().hi();
			final double[][] l = new double[n][m], h = new double[n][m];
			for (int y = 0; y < n; y++)
				for (int k = 0; k < m; k++) {
					l[y][k] = filter(fl, a[y], n, k, dwt.mode());
					h[y][k] = filter(fh, a[y], n, k, dwt.mode());
				}
			final double[][] aa = new double[m][m];
			final double[] column = new double[n];
			final int level = levels - 1 - s;
			for (int x = 0; x < m; x++) {
				for (int y = 0; y < n; y++)
					column[y] = l[y][x];
				for (int k = 0; k < m; k++) {
					aa[k][x] = filter(fl, column, n, k, dwt.mode());
					out[dwt.detailOffset(level, 1) + k * m + x] = filter(fh, column, n, k, dwt.mode());
				}
				for (int y = 0; y < n; y++)
					column[y] = h[y][x];
				for (int k = 0; k < m; k++) {
					out[dwt.detailOffset(level, 0) + k * m + x] = filter(fl, column, n, k, dwt.mode());
					out[dwt.detailOffset(level, 2) + k * m + x] = filter(fh, column, n, k, dwt.mode());
				}
			}
			a = aa;
			n = m;
		}
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				out[y * n + x] = a[y][x];
		return out;
	}

	/** Output k of one filtering step of x (length n). */
	private static double filter(final double[] f, final double[] x, final int n, final int k,
		final BoundaryMode mode)
	{
		double sum = 0;
		for (int i = 0; i < f.length; i++) {
			final int r = index(2 * k + 1 - i + (mode == BoundaryMode.PERIODIZATION ? f.length / 2 - 1
				: 0), n, mode);
			if (r >= 0) sum += f[i] * x[r];
		}
		return sum;
	}

	private static int index(final int p, final int n, final BoundaryMode mode) {
		if (mode != BoundaryMode.PERIODIZATION) return mode.extend(p, n);
		final int padded = n + (n & 1), r = Math.floorMod(p, padded);
		return r < n ? r : n - 1;
	}
}
