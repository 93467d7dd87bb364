package org.cryoem.wasserstein.wavelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link Dwt2D} against pywt.wavedecn fixtures, plus structural checks. */
class Dwt2DTest {

	/** Coefficient for coefficient: |java − pywt| ≤ 1e-5·|pywt| + 1e-9·max|pywt|. */
	@TestFactory
	List<DynamicTest> matchesPyWavelets() {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String[] row : WaveletFixtures.table("dwt_cases.tsv")) {
			final String wav = row[0], mode = row[1];
			final int levels = Integer.parseInt(row[2]), n = Integer.parseInt(row[3]);
			tests.add(DynamicTest.dynamicTest(wav + "/" + mode + "/L" + levels +
				"/N" + n, () -> check(wav, mode, levels, n, row[4], row[5], Integer
					.parseInt(row[6]), row[7])));
		}
		assertTrue(tests.size() >= 20, "too few fixture cases: " + tests.size());
		return tests;
	}

	private static void check(final String wav, final String mode,
		final int levels, final int n, final String input, final String coeffs,
		final int count, final String edges)
	{
		final float[] image = WaveletFixtures.floats(input);
		assertEquals(n * n, image.length);
		final float[] expected = WaveletFixtures.floats(coeffs);
		assertEquals(count, expected.length);
		final Dwt2D dwt = new Dwt2D(wav, mode, levels, n);
		assertEquals(count, dwt.coefficientCount());
		final String[] e = edges.split(",");
		assertEquals(levels + 1, e.length);
		assertEquals(Integer.parseInt(e[0]), dwt.approximationSize());
		for (int j = 0; j < levels; j++) {
			assertEquals(Integer.parseInt(e[j + 1]), dwt.bandSize(j), "level " + j);
		}
		// run twice with the same workspace: must not depend on leftovers
		final Dwt2D.Workspace ws = dwt.newWorkspace();
		final double[] out = new double[count];
		for (int rep = 0; rep < 2; rep++) {
			dwt.forward(image, out, ws);
			double max = 0;
			for (final float v : expected) max = Math.max(max, Math.abs(v));
			for (int i = 0; i < count; i++) {
				final double err = Math.abs(out[i] - expected[i]);
				if (err > 1e-5 * Math.abs(expected[i]) + 1e-9 * max) {
					fail("coefficient " + i + ": java " + out[i] + " pywt " +
						expected[i]);
				}
			}
		}
	}

	@Test
	void offsetsFollowPywtOrder() {
		final Dwt2D dwt = new Dwt2D("sym5", "zero", 6, 128);
		assertEquals(10, dwt.approximationSize());
		assertEquals(100, dwt.detailOffset(0, 0));
		assertEquals(200, dwt.detailOffset(0, 1));
		assertEquals(300, dwt.detailOffset(0, 2));
		assertEquals(400, dwt.detailOffset(1, 0));
		assertEquals(68, dwt.bandSize(5));
		assertEquals(21291, dwt.detailCount());
		assertEquals(dwt.coefficientCount(), dwt.detailOffset(5, 2) + 68 * 68);
	}

	/**
	 * The noise variance of every coefficient is the sum of its squares over
	 * the transforms of all unit impulses (the squared row norm), for several
	 * wavelets, modes, levels and sizes (odd ones, levels beyond pywt's
	 * maximum, and levels = 0); and white noise's measured variance agrees.
	 */
	@Test
	void noiseVarianceIsTheSquaredRowNorm() {
		final String[][] cases = { { "sym5", "zero", "6", "16" }, { "sym5", "zero", "3", "13" },
			{ "haar", "periodization", "3", "11" }, { "db4", "symmetric", "2", "9" },
			{ "coif2", "periodic", "2", "12" }, { "db2", "zero", "1", "7" },
			{ "sym5", "zero", "0", "5" } };
		for (final String[] c : cases) {
			final int n = Integer.parseInt(c[3]);
			final Dwt2D dwt = new Dwt2D(c[0], c[1], Integer.parseInt(c[2]), n);
			final double[] variance = dwt.noiseVariance();
			assertEquals(dwt.coefficientCount(), variance.length);
			final double[] expected = new double[variance.length];
			final float[] impulse = new float[n * n];
			for (int p = 0; p < impulse.length; p++) {
				impulse[p] = 1;
				final double[] out = dwt.forward(impulse);
				for (int i = 0; i < out.length; i++)
					expected[i] += out[i] * out[i];
				impulse[p] = 0;
			}
			double max = 0;
			for (final double v : expected)
				max = Math.max(max, v);
			for (int i = 0; i < variance.length; i++)
				assertEquals(expected[i], variance[i], 1e-12 * max, String.join(" ", c) + " coefficient " + i);
		}
		// the paper's settings: boundary coefficients are quieter, the interior ones have variance 1
		final Dwt2D dwt = new Dwt2D("sym5", "zero", 6, 128);
		final double[] variance = dwt.noiseVariance();
		final double interior = variance[dwt.detailOffset(5, 0) + 34 * 68 + 34];
		assertEquals(1, interior, 1e-9);
		final double corner = variance[dwt.detailOffset(0, 2)];
		assertTrue(corner < 0.01, "corner of the coarsest 'dd' band: " + corner);
		final Random rnd = new Random(11);
		final int trials = 400;
		final double[] sum = new double[variance.length];
		final float[] noise = new float[128 * 128];
		for (int t = 0; t < trials; t++) {
			for (int p = 0; p < noise.length; p++)
				noise[p] = (float) rnd.nextGaussian();
			final double[] out = dwt.forward(noise);
			for (int i = 0; i < out.length; i++)
				sum[i] += out[i] * out[i];
		}
		// per level: the mean measured variance within 10 % of the mean predicted one
		for (int j = 0; j < 6; j++) {
			double measured = 0, predicted = 0;
			for (int i = dwt.detailOffset(j, 0), end = dwt.detailOffset(j, 0) + 3 * dwt.bandSize(j) * dwt
				.bandSize(j); i < end; i++) {
				measured += sum[i] / trials;
				predicted += variance[i];
			}
			assertEquals(predicted, measured, 0.1 * predicted, "level " + j);
		}
	}

	/** Orthogonal wavelet + periodization on 2^k sizes preserves energy. */
	@Test
	void periodizationIsOrthogonal() {
		final Random rnd = new Random(7);
		final float[] img = new float[64 * 64];
		double energy = 0;
		for (int i = 0; i < img.length; i++) {
			img[i] = (float) rnd.nextGaussian();
			energy += img[i] * (double) img[i];
		}
		for (final String w : new String[] { "haar", "db4", "sym8", "coif2" }) {
			final double[] c = new Dwt2D(w, "periodization", 3, 64).forward(img);
			double ce = 0;
			for (final double v : c) ce += v * v;
			assertEquals(energy, ce, 1e-9 * energy, w);
		}
	}

	@Test
	void linearity() {
		final Random rnd = new Random(3);
		final int n = 37;
		final float[] a = new float[n * n], b = new float[n * n], s = new float[n *
			n];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) rnd.nextGaussian();
			b[i] = (float) rnd.nextGaussian();
			s[i] = a[i] + b[i];
		}
		final Dwt2D dwt = new Dwt2D("coif3", "symmetric", 5, n);
		final double[] ca = dwt.forward(a), cb = dwt.forward(b), cs = dwt.forward(
			s);
		for (int i = 0; i < ca.length; i++) {
			assertEquals(ca[i] + cb[i], cs[i], 1e-5);
		}
	}

	@Test
	void unknownWaveletIsRejected() {
		final IllegalArgumentException e = assertThrows(
			IllegalArgumentException.class, () -> Wavelet.of("bior2.2"));
		assertTrue(e.getMessage().contains("bior2.2"), e.getMessage());
		assertTrue(e.getMessage().contains("sym2..sym20"), e.getMessage());
		assertTrue(e.getMessage().contains("coif1..coif17"), e.getMessage());
		assertTrue(!e.getMessage().contains("\n"));
		assertThrows(IllegalArgumentException.class, () -> Wavelet.of("db0"));
		assertThrows(IllegalArgumentException.class, () -> Wavelet.of(null));
		assertThrows(IllegalArgumentException.class, () -> BoundaryMode.of(
			"smooth"));
	}

	@Test
	void waveletTable() {
		assertEquals(1 + 20 + 19 + 17, Wavelet.names().size());
		for (final String name : Wavelet.names()) {
			final Wavelet w = Wavelet.of(name);
			// orthonormal low-pass: sum = sqrt(2), energy 1; high-pass sums to 0
			double sum = 0, energy = 0, hiSum = 0;
			for (final double v : w.decLo()) {
				sum += v;
				energy += v * v;
			}
			for (final double v : w.decHi()) hiSum += v;
			assertEquals(Math.sqrt(2), sum, 1e-9, name);
			assertEquals(1, energy, 1e-9, name);
			assertEquals(0, hiSum, 1e-9, name);
		}
		assertEquals(10, Wavelet.of("SYM5").length());
		assertEquals(2, Wavelet.of("haar").length());
		assertEquals(18, Wavelet.of("coif3").length());
		// pywt.dwt_max_level(n, dec_len)
		assertEquals(1, Wavelet.of("sym5").maxLevel(32));
		assertEquals(2, Wavelet.of("sym5").maxLevel(65));
		assertEquals(0, Wavelet.of("sym5").maxLevel(9));
		assertEquals(7, Wavelet.of("haar").maxLevel(200));
		assertEquals(2, Wavelet.of("coif3").maxLevel(128));
	}
}
