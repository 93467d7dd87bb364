package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.junit.jupiter.api.Test;

/** The op methods compute the core metrics when called directly. */
class DistanceOpsTest {

	private static final int N = 32;

	private static Img<FloatType> image(final float[] px) {
		return ArrayImgs.floats(px.clone(), N, N);
	}

	@Test
	void l2IsTheEuclideanDistance() {
		final float[] a = TestImages.shape(0, N), b = TestImages.shape(1, N);
		double sum = 0;
		for (int i = 0; i < a.length; i++)
			sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
		assertEquals(Math.sqrt(sum), DistanceOps.distanceL2(image(a), image(b)), 1e-4);
		assertEquals(0, DistanceOps.distanceL2(image(a), image(a)), 0);
	}

	@Test
	void l2AcceptsMixedTypes() {
		final byte[] bytes = new byte[N * N];
		final float[] floats = new float[N * N];
		bytes[5 * N + 3] = (byte) 200;
		floats[5 * N + 3] = 197;
		final Img<UnsignedByteType> u8 = ArrayImgs.unsignedBytes(bytes, N, N);
		assertEquals(3, DistanceOps.distanceL2(u8, ArrayImgs.floats(floats, N, N)), 1e-6);
	}

	@Test
	void rejectsMismatchedOrNonSquareImages() {
		assertThrows(IllegalArgumentException.class, () -> DistanceOps.distanceL2(ArrayImgs.floats(
			N, N), ArrayImgs.floats(16, 16)));
		assertThrows(IllegalArgumentException.class, () -> DistanceOps.distanceL2(ArrayImgs.floats(
			N, 16), ArrayImgs.floats(N, 16)));
		assertThrows(IllegalArgumentException.class, () -> DistanceOps.distanceL2(ArrayImgs.floats(
			N, N, 2), ArrayImgs.floats(N, N, 2)));
	}

	@Test
	void w1MatchesTheCoreMetric() {
		final ClassificationParameters d = new ClassificationParameters();
		final Metric w1 = Metrics.create("w1", d.wavelet, d.levels, d.mode);
		final float[] a = TestImages.shape(2, N), b = TestImages.shape(3, N);
		final float[] ea = new float[w1.embeddingLength(N)], eb = new float[ea.length];
		w1.embed(a, N, ea);
		w1.embed(b, N, eb);
		final double expected = w1.distance(ea, eb);
		assertEquals(expected, DistanceOps.distanceW1(image(a), image(b)), 0);
		assertEquals(expected, DistanceOps.distanceW1(image(b), image(a)), 1e-9 * expected);
		assertEquals(0, DistanceOps.distanceW1(image(a), image(a)), 0);
	}
}
