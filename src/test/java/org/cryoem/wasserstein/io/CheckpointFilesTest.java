package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.LloydState;
import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file format: exact round trip, and damage detected. */
class CheckpointFilesTest {

	@TempDir
	Path tmp;

	private static final int N = 4, SIZE = 16, K = 2;

	private CheckpointFiles start() {
		final float[][] images = new float[N][SIZE * SIZE];
		for (int i = 0; i < N; i++)
			images[i][i] = i + 1;
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = K;
		p.seed = -77;
		p.maskRadius = 6.5;
		p.metric = "l2";
		return CheckpointFiles.start(tmp, p, tmp.resolve("in.mrcs"), "in.mrcs", new ParticleStack(
			SIZE, images), 1.25);
	}

	private static LloydState state() {
		final float[][] centroids = new float[K][SIZE * SIZE];
		centroids[1][7] = Float.MIN_VALUE;
		centroids[0][0] = -0f;
		return new LloydState(2, true, new int[] { 0, 1, 1, 0 }, new int[] { 3, 0, 199, 5 },
			new double[] { 0.1, Math.PI, 1e300, Double.MIN_VALUE }, centroids, new double[] { 5, 4.5 },
			new double[] { 0.25, 0.5 }, 0.125);
	}

	@Test
	void roundTripIsExact() throws Exception {
		start().save(state());
		assertTrue(CheckpointFiles.exists(tmp));
		final CheckpointFiles.Saved saved = CheckpointFiles.read(tmp);
		final LloydState s = saved.state, e = state();
		assertEquals(2, s.iteration);
		assertTrue(s.converged);
		assertArrayEquals(e.classOf, s.classOf);
		assertArrayEquals(e.rotationOf, s.rotationOf);
		assertArrayEquals(e.cost, s.cost);
		assertArrayEquals(e.loss, s.loss);
		assertArrayEquals(e.secondsPerIteration, s.secondsPerIteration);
		for (int c = 0; c < K; c++)
			assertEquals(Arrays.toString(e.centroids[c]), Arrays.toString(s.centroids[c]));
		assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(s.centroids[0][0]));
		assertEquals(K, saved.params.classes);
		assertEquals(-77, saved.params.seed);
		assertEquals(6.5, saved.params.maskRadius, 0);
		assertEquals("l2", saved.params.metric);
		assertEquals(1.25, saved.pixelSize, 0);
		assertEquals("in.mrcs", saved.inputName);
		assertEquals(N, saved.imageCount);
		final String info = new String(Files.readAllBytes(tmp.resolve(OutputGuard.CHECKPOINT)
			.resolve(CheckpointFiles.INFO)), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(info.contains("\"iteration\": 2"), info);
		start().delete();
		assertFalse(Files.exists(tmp.resolve(OutputGuard.CHECKPOINT)));
	}

	@Test
	void damageIsAnInvalidInputError() throws Exception {
		start().save(state());
		final Path file = tmp.resolve(OutputGuard.CHECKPOINT).resolve(CheckpointFiles.STATE);
		final byte[] good = Files.readAllBytes(file);
		for (final int cut : new int[] { 0, 5, 8, good.length / 2, good.length - 1 }) {
			final InvalidInputException e = assertThrows(InvalidInputException.class,
				() -> CheckpointFiles.decode(file, Arrays.copyOf(good, cut)));
			assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
		}
		for (int i = 0; i < good.length; i += 7) {
			final byte[] bad = good.clone();
			bad[i] ^= 0x10;
			assertThrows(InvalidInputException.class, () -> CheckpointFiles.decode(file, bad), "byte " +
				i);
		}
	}
}
