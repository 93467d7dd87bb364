package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Rotation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fast search must give bit-for-bit the exhaustive reference's result:
 * same class and rotation for every image, same distances, same averages,
 * whatever the data (noise, near-ties, duplicates, constants) and threads.
 */
class FastSearchTest {

	private static ClassificationParameters params(final String metric, final int k, final int m,
		final String search, final int threads, final long seed)
	{
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = metric;
		p.classes = k;
		p.rotations = m;
		p.maxIterations = 4;
		p.seed = seed;
		p.threads = threads;
		p.search = search;
		return p;
	}

	/** @return the smallest pruned percentage of the fast runs */
	private static double assertSame(final ParticleStack stack, final String metric, final int k,
		final int m, final long seed)
	{
		double pruned = 100;
		final ClassificationResult ref = Classifier.classify(stack, params(metric, k, m,
			"exhaustive", 1, seed), null);
		assertEquals(0, ref.prunedPercent);
		for (final int threads : new int[] { 1, 2, 3 }) {
			final ClassificationResult r = Classifier.classify(stack, params(metric, k, m, "fast",
				threads, seed), null);
			pruned = Math.min(pruned, r.prunedPercent);
			assertSameResult(ref, r, metric + ", threads " + threads);
		}
		return pruned;
	}

	/** The same classes, rotations, distances (bit for bit), losses, occupancies and averages. */
	private static void assertSameResult(final ClassificationResult ref,
		final ClassificationResult r, final String what)
	{
		assertArrayEquals(ref.classOf, r.classOf, what);
		assertArrayEquals(ref.rotationOf, r.rotationOf, what);
		for (int i = 0; i < ref.distanceOf.length; i++)
			assertEquals(Double.doubleToLongBits(ref.distanceOf[i]), Double.doubleToLongBits(
				r.distanceOf[i]), what + ", distance " + i);
		assertArrayEquals(ref.loss, r.loss, what);
		assertArrayEquals(ref.occupancy, r.occupancy, what);
		for (int c = 0; c < ref.classCount(); c++)
			assertArrayEquals(ref.classAverages[c], r.classAverages[c], what);
	}

	/**
	 * k-means++'s first centroid: an image without a candidate yet takes the
	 * rotation of least first-block sum as its incumbent, not rotation 0. On
	 * rotated copies of one shape (k = 1: k-means++ is that one search, then
	 * one seeded Lloyd iteration) the incumbent is then about the image's own
	 * rotation, and the search prunes most of the others after the first
	 * block; with rotation 0 it pruned far less (with the Vector API kernels).
	 * Same result as the reference.
	 */
	@Test
	void firstCentroidStartsFromItsBestFirstBlock() {
		final ParticleStack stack = TestImages.rotatedShapes(1, 48, 64, 0.05, 3, new int[48]);
		final ClassificationParameters p = params("w1", 1, 40, "exhaustive", 1, 5);
		p.maxIterations = 1;
		final ClassificationResult ref = Classifier.classify(stack, p, null);
		p.search = "fast";
		p.threads = 2;
		final ClassificationResult r = Classifier.classify(stack, p, null);
		assertSameResult(ref, r, "first centroid");
		// 58.6 %, against 37.4 % with rotation 0 (the scalar search's one group of 64
		// rotations, m = 40, is dropped only whole: -1.25 % either way)
		if (Metrics.vectorised()) assertTrue(r.prunedPercent > 50, "pruned " + r.prunedPercent);
	}

	@ParameterizedTest
	@CsvSource({ "w1,32,0.3", "l2,32,0.3", "w1,16,1.0", "l2,16,1.0", "w1,24,3.0", "l2,24,3.0" })
	void noisyShapes(final String metric, final int size, final double noise) {
		final int[] truth = new int[40];
		final ParticleStack stack = TestImages.rotatedShapes(4, 10, size, noise, 11, truth);
		final double pruned = assertSame(stack, metric, 6, 24, 3);
		// (16×16 L2 is a single block: nothing to prune)
		if (size >= 24) assertTrue(pruned > 0 && pruned < 100, "the bounds are exercised: " + pruned);
	}

	/**
	 * Many rotations (many groups of {@link Classifier#LANES}): groups die
	 * independently, the live ones of a whole tile run together in the groups
	 * kernel, and the last group runs into the padding (or, for m = 192, there
	 * is none); the result must not change.
	 */
	/**
	 * The build runs this class twice: with the Vector API kernels (groups of
	 * 16 rotations, short runs gathered over the tile) and with
	 * {@code -Dw2d.vector=false} (the scalar loops: groups of 64, long runs).
	 */
	@Test
	void kernelFollowsTheSwitch() {
		if (!Boolean.parseBoolean(System.getProperty("w2d.vector", "true"))) assertFalse(Metrics
			.vectorised());
		else if (Runtime.version().feature() >= 17) assertTrue(Metrics.vectorised());
	}

	@ParameterizedTest
	@CsvSource({ "w1,24,0.3,200", "l2,24,0.3,200", "w1,32,1.0,300", "l2,32,1.0,300", "w1,24,0.3,192", "w1,24,0.3,198" })
	void manyRotationGroups(final String metric, final int size, final double noise, final int m) {
		final int[] truth = new int[30];
		final ParticleStack stack = TestImages.rotatedShapes(3, 10, size, noise, 7, truth);
		assertTrue(m > 8 * Classifier.LANES);
		final double pruned = assertSame(stack, metric, 5, m, 4);
		assertTrue(pruned > 0, "the bounds are exercised: " + pruned);
	}

	/** Enough images for full tiles of {@link Classifier#TILE} images and a partial one. */
	@ParameterizedTest
	@CsvSource({ "w1", "l2" })
	void largeTiles(final String metric) {
		final int[] truth = new int[600];
		final ParticleStack stack = TestImages.rotatedShapes(4, 150, 24, 0.5, 13, truth);
		assertTrue(stack.count() > 4 * Classifier.TILE);
		final double pruned = assertSame(stack, metric, 4, 40, 6);
		assertTrue(pruned > 0, "the bounds are exercised: " + pruned);
	}

	/**
	 * Tiles left to the sparse search, which takes each block over many tiles,
	 * at whichever block they turn sparse: never ({@code w2d.sparse} 0), as
	 * they fall below the default fraction (k-means++ on noisy images keeps
	 * most groups alive for several blocks, Lloyd iterations for one), or
	 * always right after the first block; some tiles full, one partial, and
	 * several parts per thread. The result must not change.
	 */
	@ParameterizedTest
	@CsvSource({ "0", "0.3", "1.01" })
	void sparseSearchAtAnyBlock(final String fraction) {
		final int[] truth = new int[300];
		final ParticleStack stack = TestImages.rotatedShapes(3, 100, 24, 2.0, 17, truth);
		assertTrue(stack.count() > 2 * Classifier.TILE);
		final String before = System.setProperty(Classifier.SPARSE_PROPERTY, fraction);
		try {
			final ClassificationResult ref = Classifier.classify(stack, params("w1", 6, 40,
				"exhaustive", 1, 8), null);
			for (final int threads : new int[] { 1, 3 }) {
				final ClassificationResult r = Classifier.classify(stack, params("w1", 6, 40, "fast",
					threads, 8), null);
				final String what = "fraction " + fraction + ", threads " + threads;
				assertSameResult(ref, r, what);
				if (!Metrics.vectorised() || fraction.equals("0")) assertEquals(0, r.sparsePercent, what);
				else assertTrue(r.sparsePercent > 0 && r.sparsePercent < 100, what + ": " + r.sparsePercent);
			}
		}
		finally {
			if (before == null) System.clearProperty(Classifier.SPARSE_PROPERTY);
			else System.setProperty(Classifier.SPARSE_PROPERTY, before);
		}
	}

	/** Pure noise: many classes, many near-ties. */
	@ParameterizedTest
	@CsvSource({ "w1", "l2" })
	void pureNoise(final String metric) {
		final Random random = new Random(5);
		final float[][] images = new float[30][20 * 20];
		for (final float[] img : images)
			for (int p = 0; p < img.length; p++)
				img[p] = (float) random.nextGaussian();
		assertSame(new ParticleStack(20, images), metric, 8, 17, 9);
	}

	/**
	 * Exact ties: duplicated images (identical centroids in different classes),
	 * constant and zero images, rotationally symmetric images (ties between
	 * rotations), and coarse 0/1 values.
	 */
	@ParameterizedTest
	@CsvSource({ "w1,1", "l2,1", "w1,2", "l2,2" })
	void ties(final String metric, final long seed) {
		final int size = 20;
		final Random random = new Random(seed);
		final float[][] images = new float[36][];
		final float[] base = TestImages.shape(2, size);
		for (int i = 0; i < images.length; i++) {
			final float[] img = new float[size * size];
			switch (i % 6) {
				case 0: // duplicates of one image
					System.arraycopy(base, 0, img, 0, img.length);
					break;
				case 1: // constant
					java.util.Arrays.fill(img, 2f);
					break;
				case 2: // zero
					break;
				case 3: { // a disc: symmetric under every rotation
					final double c = (size - 1) / 2.0;
					for (int y = 0; y < size; y++)
						for (int x = 0; x < size; x++)
							img[y * size + x] = (x - c) * (x - c) + (y - c) * (y - c) < 30 ? 1f : 0f;
					break;
				}
				case 4: // coarse random 0/1
					for (int p = 0; p < img.length; p++)
						img[p] = random.nextInt(2);
					break;
				default: // a rotated copy of the base, at one of the search angles
					Rotation.rotate(base, size, Rotation.angle(random.nextInt(12), 12), img);
			}
			images[i] = img;
		}
		assertSame(new ParticleStack(size, images), metric, 7, 12, seed);
	}

	/**
	 * Magnitudes where float arithmetic overflows (1e19: squares beyond 3.4e38)
	 * or underflows (1e-22), and huge but finite (1e17): the screening's bounds
	 * must fail safe, and the result stay the reference's.
	 */
	@ParameterizedTest
	@CsvSource({ "w1,1e19", "l2,1e19", "w1,1e17", "l2,1e17", "w1,1e-22", "l2,1e-22" })
	void extremeMagnitudes(final String metric, final double scale) {
		final int[] truth = new int[24];
		final ParticleStack shapes = TestImages.rotatedShapes(3, 8, 24, 0.5, 17, truth);
		final float[][] images = new float[shapes.count()][];
		for (int i = 0; i < images.length; i++) {
			images[i] = shapes.image(i).clone();
			for (int p = 0; p < images[i].length; p++)
				images[i][p] *= scale;
		}
		assertSame(new ParticleStack(24, images), metric, 4, 20, 2);
	}

	/**
	 * The L2 screen with the grid's turns: odd sizes (the centre pixel is its
	 * own orbit), m with g = 4, 2 and 1, and k beyond one batch of centroids
	 * (m = 200: batches of 8, so 8 + 2 for k = 10; m = 4: one rotation per
	 * quarter).
	 */
	@ParameterizedTest
	@CsvSource({ "25,200,10", "24,30,7", "21,15,5", "20,4,3", "17,200,9" })
	void l2TurnsAndBatches(final int size, final int m, final int k) {
		final int[] truth = new int[40];
		final ParticleStack stack = TestImages.rotatedShapes(4, 10, size, 0.5, 19, truth);
		assertTrue(k > Classifier.batch(k, m, size * size) || m % 4 != 0 || m == 4, "batches: " + k);
		assertSame(stack, "l2", k, m, 5);
	}

	/**
	 * The L2 screen takes one slack for a whole batch of centroids, that of
	 * its largest candidate norms. Shapes on a large offset (1,000 + shape),
	 * whose costs are far below the float error of the inner products, so
	 * that only the slack keeps the winners from being skipped, at very
	 * different scales in one batch (10⁻³, 1 and 10³; k = 10 at m = 200:
	 * batches of 8 and 2). Fails without the slack for the dot products.
	 */
	@Test
	void l2BatchOfMixedScales() {
		final int[] truth = new int[40];
		final ParticleStack shapes = TestImages.rotatedShapes(4, 10, 20, 0.3, 29, truth);
		final double[] scale = { 1e-3, 1, 1e3, 1e-3 };
		final float[][] images = new float[shapes.count()][];
		for (int i = 0; i < images.length; i++) {
			images[i] = shapes.image(i).clone();
			for (int p = 0; p < images[i].length; p++)
				images[i][p] = (float) (scale[truth[i]] * (1000 + images[i][p]));
		}
		assertSame(new ParticleStack(20, images), "l2", 10, 200, 3);
	}

	/**
	 * Nearly equal images of about 2·10¹⁹: the float products of the inner
	 * products overflow (the first segment's sum is +∞), the costs do not; the
	 * screen must then compute the candidates rather than skip them.
	 */
	@Test
	void l2InnerProductsOverflowWhereTheCostsDoNot() {
		final int[] truth = new int[24];
		final ParticleStack shapes = TestImages.rotatedShapes(3, 8, 24, 0.5, 23, truth);
		final float[][] images = new float[shapes.count()][];
		for (int i = 0; i < images.length; i++) {
			images[i] = shapes.image(i).clone();
			for (int p = 0; p < images[i].length; p++)
				images[i][p] = (float) (2e19 * (1 + 1e-3 * images[i][p]));
		}
		final ParticleStack stack = new ParticleStack(24, images);
		assertSame(stack, "l2", 4, 20, 2);
		final ClassificationResult r = Classifier.classify(stack, params("l2", 4, 20, "fast", 2, 2),
			null);
		for (final double d : r.distanceOf)
			assertTrue(Double.isFinite(d), "finite costs: " + d);
	}

	@Test
	void unknownSearchIsRefused() {
		final int[] truth = new int[4];
		final ParticleStack stack = TestImages.rotatedShapes(2, 2, 16, 0, 1, truth);
		final ClassificationParameters p = params("l2", 2, 4, "greedy", 1, 1);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Classifier.classify(stack, p,
			null)).getMessage().contains("search"));
	}

	@Test
	void tooLittleHeapIsAClearError() {
		final float[][] images = new float[2][16 * 16];
		final ClassificationParameters p = params("w1", 1, 1000000000, "fast", 1, 1);
		p.maxIterations = 1;
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Classifier.classify(new ParticleStack(16, images), p, null));
		assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
	}
}
