package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierTest {

	private static ClassificationParameters params(final String metric, final int k) {
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = metric;
		p.classes = k;
		p.rotations = 36;
		p.maxIterations = 10;
		p.seed = 7;
		p.threads = 2;
		return p;
	}

	@ParameterizedTest
	@ValueSource(strings = { "w1", "l2" })
	void recoversRotatedNoisyShapesExactly(final String metric) {
		final int shapes = 5;
		final int[] truth = new int[shapes * 10];
		final ParticleStack stack = TestImages.rotatedShapes(shapes, 10, 32, 0.05, 42, truth);
		final ParticleStack before = stack.copy();
		final ClassificationResult r = Classifier.classify(stack, params(metric, shapes), null);
		assertEquals(1.0, TestImages.adjustedRandIndex(truth, r.classOf), 1e-12);
		for (int i = 0; i < stack.count(); i++)
			assertArrayEquals(before.image(i), stack.image(i), "input untouched");
		for (final int o : r.occupancy) assertEquals(10, o);
		assertTrue(r.iterations() >= 1 && r.iterations() <= 10);
		assertEquals(r.iterations(), r.secondsPerIteration.length);
	}

	@ParameterizedTest
	@ValueSource(strings = { "w1", "l2" })
	void sameSeedSameResultWhateverTheThreadCount(final String metric) {
		final int[] truth = new int[48];
		final ParticleStack stack = TestImages.rotatedShapes(4, 12, 32, 0.4, 3, truth);
		ClassificationResult reference = null;
		for (final int threads : new int[] { 1, 2, 3, 5 }) {
			final ClassificationParameters p = params(metric, 6);
			p.threads = threads;
			final ClassificationResult r = Classifier.classify(stack, p, Progress.NONE);
			if (reference == null) {
				reference = r;
				continue;
			}
			assertArrayEquals(reference.classOf, r.classOf);
			assertArrayEquals(reference.rotationOf, r.rotationOf);
			assertArrayEquals(reference.distanceOf, r.distanceOf);
			assertArrayEquals(reference.loss, r.loss);
			for (int c = 0; c < reference.classCount(); c++)
				assertArrayEquals(reference.classAverages[c], r.classAverages[c]);
		}
	}

	@Test
	void classesAreSortedByOccupancyAndLossDecreases() {
		final int[] truth = new int[40];
		final ParticleStack stack = TestImages.rotatedShapes(4, 10, 32, 0.5, 5, truth);
		final ClassificationResult r = Classifier.classify(stack, params("l2", 7), null);
		for (int c = 1; c < r.classCount(); c++)
			assertTrue(r.occupancy[c - 1] >= r.occupancy[c]);
		int total = 0;
		for (final int o : r.occupancy) total += o;
		assertEquals(40, total);
		for (int t = 1; t < r.iterations() - 1; t++)
			assertTrue(r.loss[t] < r.loss[t - 1], "loss decreases until the last iteration");
		// the reported loss of the kept assignment equals the sum of squared distances
		double sum = 0;
		for (final double d : r.distanceOf) sum += d * d;
		double min = Double.POSITIVE_INFINITY;
		for (final double l : r.loss) min = Math.min(min, l);
		assertTrue(sum <= r.loss[0] * (1 + 1e-12));
		assertTrue(Math.abs(sum - min) <= 1e-9 * min || sum < min, "kept the best assignment");
	}

	@Test
	void identicalImagesGiveUniformDrawAndNoCrash() {
		final float[][] imgs = new float[6][];
		for (int i = 0; i < 6; i++) imgs[i] = TestImages.shape(1, 20);
		final ClassificationResult r = Classifier.classify(new ParticleStack(20, imgs), params("l2",
			3), null);
		assertEquals(3, r.classCount());
		for (final double d : r.distanceOf) assertEquals(0, d, 1e-6);
	}

	@Test
	void progressIsReportedAndCancellationStops() {
		final int[] truth = new int[20];
		final ParticleStack stack = TestImages.rotatedShapes(2, 10, 24, 0.1, 1, truth);
		final List<String> stages = new ArrayList<>();
		Classifier.classify(stack, params("l2", 2), (stage, done, total) -> stages.add(stage));
		assertTrue(stages.stream().anyMatch(s -> s.startsWith("k-means++")));
		assertTrue(stages.stream().anyMatch(s -> s.startsWith("Iteration 1/")));
		final Progress cancelAfterInit = new Progress() {

			boolean cancel;

			@Override
			public void report(final String stage, final long done, final long total) {
				if (stage.startsWith("Iteration")) cancel = true;
			}

			@Override
			public boolean isCancelled() {
				return cancel;
			}
		};
		assertThrows(CancellationException.class, () -> Classifier.classify(stack, params("l2", 2),
			cancelAfterInit));
	}

	@Test
	void badParametersAreRefusedWithClearMessages() {
		final int[] truth = new int[4];
		final ParticleStack stack = TestImages.rotatedShapes(2, 2, 16, 0, 1, truth);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Classifier.classify(stack,
			params("l2", 5), null)).getMessage().contains("cannot exceed"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Classifier.classify(stack,
			params("l2", 0), null)).getMessage().contains("at least 1"));
		final ClassificationParameters p = params("emd", 2);
		assertThrows(IllegalArgumentException.class, () -> Classifier.classify(stack, p, null));
		final float[][] bad = { new float[256], new float[256] };
		bad[1][5] = Float.NaN;
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Classifier.classify(
			new ParticleStack(16, bad), params("l2", 1), null)).getMessage().contains("Image 2"));
	}
}
