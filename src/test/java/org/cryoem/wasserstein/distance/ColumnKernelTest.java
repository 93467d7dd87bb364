package org.cryoem.wasserstein.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Constructor;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API column kernels against the scalar loops, bit for bit. The
 * build compiles them on JDK 17 and later and runs the tests with
 * {@code --add-modules jdk.incubator.vector}, so there they must be loaded.
 */
class ColumnKernelTest {

	@BeforeAll
	static void vectorKernelPresent() {
		assumeTrue(Runtime.version().feature() >= 17, "the Vector API kernels need Java 17");
		assumeTrue(Boolean.parseBoolean(System.getProperty("w2d.vector", "true")), "switched off");
		assertNotNull(ColumnKernel.VECTOR, "tests run with jdk.incubator.vector, so the kernel must load");
		assertTrue(Metrics.kernel().startsWith("jdk.incubator.vector"), Metrics.kernel());
	}

	@Test
	void w1KernelSameSumsAsTheScalarLoop() {
		final Random random = new Random(7);
		final int[][] runs = { { 0, 200 }, { 0, 64 }, { 64, 192 }, { 192, 200 }, { 3, 197 }, { 0, 1 },
			{ 5, 21 }, { 0, 15 }, { 17, 18 }, { 40, 40 }, { 0, 300 } };
		final int[][] elements = { { 0, 256 }, { 256, 512 }, { 0, 1 }, { 3, 10 }, { 100, 103 }, { 7, 300 } };
		for (final int[] run : runs) {
			final int m = Math.max(run[1], 1);
			for (final int[] el : elements) {
				for (int kind = 0; kind < 4; kind++) {
					final float[][] columns = new float[600][m];
					final float[] e = new float[600];
					fill(random, kind, e, columns);
					final float[] expected = start(random, m), actual = expected.clone();
					W1Metric.accumulateScalar(e, columns, el[0], el[1], expected, run[0], run[1]);
					final int end = ColumnKernel.VECTOR.w1(e, columns, el[0], el[1], actual, run[0], run[1]);
					assertTrue(end >= run[0] && end <= Math.max(run[0], run[1]));
					W1Metric.accumulateScalar(e, columns, el[0], el[1], actual, end, run[1]);
					for (int r = 0; r < m; r++)
						assertEquals(Float.floatToRawIntBits(expected[r]), Float.floatToRawIntBits(actual[r]),
							() -> "run " + run[0] + ".." + run[1] + ", elements " + el[0] + ".." + el[1]);
				}
			}
		}
	}

	/**
	 * The kernels for 32 and for 16 vector registers (which take their
	 * candidates or images in different numbers at a time), whichever this
	 * machine loads.
	 */
	private static ColumnKernel[] bothWays() throws ReflectiveOperationException {
		final Constructor<?> way = ColumnKernel.VECTOR.getClass().getDeclaredConstructor(
			boolean.class);
		way.setAccessible(true);
		return new ColumnKernel[] { (ColumnKernel) way.newInstance(false), (ColumnKernel) way
			.newInstance(true) };
	}

	/**
	 * The inner-product kernel on several groups of images at once, its
	 * candidates in panels ({@link ColumnKernel#dotsPanels}): for the
	 * candidates it does, each lane's sum is the chain of float multiply-adds
	 * over the elements in order from zero, then added to what {@code out}
	 * held, bit for bit (so a group's sums do not depend on the groups beside
	 * it, nor on how the kernel walks them); the others are left alone. And
	 * through {@link InnerProducts#dotsPanels}, which finishes what does not
	 * fill a vector with the same chain: every lane of the run.
	 */
	@Test
	void innerProductKernelOnPanelsIsTheMultiplyAddChain() throws ReflectiveOperationException {
		for (final ColumnKernel kernel : bothWays())
			innerProductKernelOnPanels(kernel, false);
		innerProductKernelOnPanels(ColumnKernel.VECTOR, true);
	}

	private static void innerProductKernelOnPanels(final ColumnKernel kernel, final boolean whole) {
		final Random random = new Random(17);
		final int rows = InnerProducts.ROWS, w = kernel.panelWidth(), m = 416, n = 300;
		assertEquals(InnerProducts.panelWidth(), w);
		final float[][] columns = new float[n][m];
		for (final float[] c : columns)
			for (int r = 0; r < m; r++)
				c[r] = (float) random.nextGaussian();
		final float[][] panels = new float[(m + w - 1) / w][n * w];
		for (int i = 0; i < n; i++)
			for (int r = 0; r < m; r++)
				panels[r / w][i * w + r % w] = columns[i][r];
		final float[][] images = new float[40][n];
		for (final float[] e : images)
			for (int i = 0; i < n; i++)
				e[i] = (float) (random.nextGaussian() * Math.exp(3 * random.nextGaussian()));
		final int[][] runs = { { 0, 400 }, { 0, 416 }, { 0, 64 }, { 0, 50 }, { 0, 16 }, { 16, 48 },
			{ 32, 400 }, { 3, 200 }, { 7, 416 }, { 100, 101 }, { 40, 40 } };
		final int[][] elements = { { 0, 256 }, { 44, 300 }, { 5, 6 }, { 9, 9 } };
		for (final int count : new int[] { 1, 2, 5 })
			for (final int[] run : runs)
				for (final int[] el : elements) {
					final float[][][] groups = new float[count + 1][rows][];
					for (final float[][] g : groups)
						for (int q = 0; q < rows; q++)
							g[q] = images[random.nextInt(images.length)];
					final float[][] outs = new float[count + 1][rows * m];
					for (final float[] out : outs)
						for (int x = 0; x < out.length; x++)
							out[x] = (float) random.nextGaussian();
					final float[][] before = new float[outs.length][];
					for (int g = 0; g < outs.length; g++)
						before[g] = outs[g].clone();
					final int end;
					if (whole) {
						InnerProducts.dotsPanels(groups, count, panels, el[0], el[1], outs, m, run[0], run[1]);
						end = run[1];
					}
					else {
						end = kernel.dotsPanels(groups, count, panels, el[0], el[1], outs, m, run[0], run[1]);
						assertTrue(end >= run[0] && end <= run[1], () -> "end " + end);
						if (run[0] % w == 0) assertTrue(run[1] - end < 16, () -> "a vector's worth or more left: " +
							end);
					}
					for (int g = 0; g < outs.length; g++)
						for (int q = 0; q < rows; q++)
							for (int r = 0; r < m; r++) {
								float expected = before[g][q * m + r];
								if (g < count && r >= run[0] && r < end) {
									float sum = 0;
									for (int i = el[0]; i < el[1]; i++)
										sum = Math.fma(columns[i][r], groups[g][q][i], sum);
									expected = sum + expected;
								}
								final int gg = g, qq = q, rr = r;
								assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(outs[g][q *
									m + r]), () -> "group " + gg + " of " + count + ", row " + qq + ", candidate " + rr +
										", run " + run[0] + ".." + run[1] + ", elements " + el[0] + ".." + el[1] + ", " +
										kernel + (whole ? ", whole" : ""));
							}
				}
	}

	/** Through the metrics' public accumulate, which picks the kernel itself. */
	@Test
	void metricsAccumulateMatchesTheScalarLoops() {
		final Random random = new Random(11);
		final float[][] columns = new float[512][200];
		final float[] e = new float[512];
		fill(random, 0, e, columns);
		for (final Metric metric : new Metric[] { W1Metric.paperDefault(), new L2Metric() }) {
			final float[] expected = new float[200], actual = new float[200];
			if (metric instanceof W1Metric) W1Metric.accumulateScalar(e, columns, 0, 512, expected, 0, 200);
			else L2Metric.accumulateScalar(e, columns, 0, 512, expected, 0, 200);
			metric.accumulate(e, columns, 0, 512, actual, 0, 200);
			for (int r = 0; r < 200; r++)
				assertEquals(Float.floatToRawIntBits(expected[r]), Float.floatToRawIntBits(actual[r]));
		}
	}

	/**
	 * The groups kernels (each group its own embedding and candidates) against
	 * the plain per-candidate loop, bit for bit: group counts that exercise the
	 * eight-, four- and one-vector paths, group widths the kernel takes or
	 * leaves to the scalar loop, repeated and overlapping groups, and every
	 * kind of value.
	 */
	@Test
	void groupsKernelsSameSumsAsThePerCandidateLoop() {
		final Random random = new Random(13);
		final int m = 208;
		final int[][] elements = { { 0, 256 }, { 256, 512 }, { 0, 1 }, { 3, 10 }, { 7, 300 } };
		for (final int lanes : new int[] { 16, 32, 8, 5 }) {
			for (final int count : new int[] { 0, 1, 3, 4, 7, 8, 9, 12, 13, 17, 29 }) {
				for (final int[] el : elements) {
					final int kind = random.nextInt(4);
					final float[][] columns = new float[600][m];
					final float[][] es = new float[5][600];
					for (final float[] e : es)
						fill(random, kind, e, columns);
					final float[][] groupImages = new float[count][];
					final int[] r0s = new int[count];
					for (int p = 0; p < count; p++) {
						groupImages[p] = es[random.nextInt(es.length)];
						r0s[p] = random.nextInt(m - lanes + 1);
					}
					for (final Metric metric : new Metric[] { W1Metric.paperDefault(), new L2Metric() }) {
						final float[] expected = start(random, count * lanes), actual = expected.clone();
						for (int p = 0; p < count; p++) {
							// one group alone: its candidates' sums, moved to where the groups kernel keeps them
							final float[] one = new float[m];
							System.arraycopy(expected, p * lanes, one, r0s[p], lanes);
							if (metric instanceof W1Metric) W1Metric.accumulateScalar(groupImages[p], columns, el[0],
								el[1], one, r0s[p], r0s[p] + lanes);
							else L2Metric.accumulateScalar(groupImages[p], columns, el[0], el[1], one, r0s[p], r0s[p] +
								lanes);
							System.arraycopy(one, r0s[p], expected, p * lanes, lanes);
						}
						metric.accumulateGroups(groupImages, r0s, count, lanes, columns, el[0], el[1], actual);
						for (int q = 0; q < expected.length; q++) {
							final int at = q;
							assertEquals(Float.floatToRawIntBits(expected[q]), Float.floatToRawIntBits(actual[q]),
								() -> metric.name() + ", lanes " + lanes + ", count " + count + ", elements " + el[0] +
									".." + el[1] + ", sum " + at);
						}
					}
				}
			}
		}
		// the kernel itself takes every group of 16 (a multiple of any vector length up to 16 floats)
		final float[][] columns = new float[10][32];
		assertEquals(3, ColumnKernel.VECTOR.w1Groups(new float[][] { new float[10], new float[10],
			new float[10] }, new int[] { 0, 16, 8 }, 3, 16, columns, 0, 10, new float[48]));
	}

	/**
	 * The four-image kernel (W1) against the one-image scalar loop, bit for
	 * bit: candidate ranges for its 4-, 2- and 1-vector paths and the scalar
	 * tail, element ranges, repeated images, every kind of value.
	 */
	@Test
	void quadKernelSameSumsAsTheOneImageLoop() throws ReflectiveOperationException {
		final ColumnKernel[] kernels = bothWays();
		final Random random = new Random(17);
		final int m = 208;
		final int[][] runs = { { 0, 208 }, { 0, 64 }, { 16, 48 }, { 32, 208 }, { 3, 200 }, { 192, 208 },
			{ 5, 9 }, { 100, 100 } };
		final int[][] elements = { { 0, 256 }, { 256, 512 }, { 0, 1 }, { 7, 300 } };
		final W1Metric w1 = W1Metric.paperDefault();
		for (final int[] run : runs) {
			for (final int[] el : elements) {
				for (int kind = 0; kind < 4; kind++) {
					final float[][] columns = new float[600][m];
					final float[][] images = new float[3][600];
					for (final float[] e : images)
						fill(random, kind, e, columns);
					// the last image twice, as a short last quad passes it
					final float[][] es = { images[0], images[1], images[2], images[2] };
					final float[][] starts = new float[4][];
					final float[][] expected = new float[4][];
					for (int q = 0; q < 4; q++) {
						starts[q] = start(random, m);
						expected[q] = starts[q].clone();
						W1Metric.accumulateScalar(es[q], columns, el[0], el[1], expected[q], run[0], run[1]);
					}
					final float[][] actual = new float[4][];
					for (int q = 0; q < 4; q++)
						actual[q] = starts[q].clone();
					w1.accumulate4(es, columns, el[0], el[1], actual, run[0], run[1]);
					check(expected, actual, run, el, "accumulate4");
					for (final ColumnKernel kernel : kernels) {
						// the kernel itself, the scalar loop after where it stops
						for (int q = 0; q < 4; q++)
							actual[q] = starts[q].clone();
						final int end = kernel.w1Quad(es, columns, el[0], el[1], actual, run[0], run[1]);
						for (int q = 0; q < 4; q++)
							W1Metric.accumulateScalar(es[q], columns, el[0], el[1], actual[q], end, run[1]);
						check(expected, actual, run, el, kernel.toString());
					}
				}
			}
		}
	}

	private static void check(final float[][] expected, final float[][] actual, final int[] run,
		final int[] el, final String what)
	{
		for (int q = 0; q < 4; q++)
			for (int r = 0; r < expected[q].length; r++) {
				final int image = q, at = r;
				assertEquals(Float.floatToRawIntBits(expected[q][r]), Float.floatToRawIntBits(actual[q][r]),
					() -> what + ": image " + image + ", run " + run[0] + ".." + run[1] + ", elements " +
						el[0] + ".." + el[1] + ", candidate " + at);
			}
	}

	/**
	 * The groups kernel when the caller has sorted the groups by candidates
	 * (runs of the same r0, which it takes together for many images), mixed
	 * with short runs: the same sums as the per-candidate loop.
	 */
	@Test
	void groupsKernelWithRunsOfSharedCandidates() {
		final Random random = new Random(19);
		final int m = 208, lanes = 16;
		final int[][] runLengths = { { 3 }, { 4 }, { 8 }, { 9 }, { 17 }, { 1, 3, 2, 8, 1 }, { 2, 2, 2 },
			{ 12, 1, 5 } };
		for (final int[] lengths : runLengths) {
			int count = 0;
			for (final int l : lengths)
				count += l;
			final float[][] columns = new float[300][m];
			final float[][] images = new float[6][300];
			for (final float[] e : images)
				fill(random, random.nextInt(4), e, columns);
			final float[][] es = new float[count][];
			final int[] r0s = new int[count];
			int p = 0;
			for (final int l : lengths) {
				final int r0 = random.nextInt(m / lanes) * lanes;
				for (int j = 0; j < l; j++, p++) {
					es[p] = images[random.nextInt(images.length)];
					r0s[p] = r0;
				}
			}
			final float[] expected = start(random, count * lanes), actual = expected.clone();
			for (int q = 0; q < count; q++) {
				final float[] one = new float[m];
				System.arraycopy(expected, q * lanes, one, r0s[q], lanes);
				W1Metric.accumulateScalar(es[q], columns, 0, 300, one, r0s[q], r0s[q] + lanes);
				System.arraycopy(one, r0s[q], expected, q * lanes, lanes);
			}
			W1Metric.paperDefault().accumulateGroups(es, r0s, count, lanes, columns, 0, 300, actual);
			for (int q = 0; q < expected.length; q++)
				assertEquals(Float.floatToRawIntBits(expected[q]), Float.floatToRawIntBits(actual[q]),
					java.util.Arrays.toString(lengths) + ", sum " + q);
		}
	}

	/** kind 0: Gaussian; 1: wide magnitudes; 2: many equal values and signed zeros; 3: tiny values. */
	private static void fill(final Random random, final int kind, final float[] e, final float[][] columns) {
		for (int i = 0; i < e.length; i++) {
			e[i] = value(random, kind);
			for (int r = 0; r < columns[i].length; r++)
				columns[i][r] = kind == 2 && random.nextBoolean() ? e[i] : value(random, kind);
		}
	}

	private static float value(final Random random, final int kind) {
		switch (kind) {
			case 1:
				return (float) (random.nextGaussian() * Math.pow(10, random.nextInt(13) - 6));
			case 2:
				return random.nextInt(3) == 0 ? (random.nextBoolean() ? 0f : -0f) : random.nextInt(5) - 2;
			case 3:
				return (float) (random.nextGaussian() * 1e-30);
			default:
				return (float) random.nextGaussian();
		}
	}

	private static float[] start(final Random random, final int m) {
		final float[] acc = new float[m];
		for (int r = 0; r < m; r++)
			acc[r] = random.nextFloat() * 100;
		return acc;
	}
}
