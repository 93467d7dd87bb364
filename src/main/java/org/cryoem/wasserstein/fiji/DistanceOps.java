package org.cryoem.wasserstein.fiji;

import java.util.function.BiFunction;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.distance.L2Metric;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.distance.W1Metric;
import org.cryoem.wasserstein.image.ParticleStack;
import org.scijava.ops.spi.OpCollection;
import org.scijava.ops.spi.OpMethod;

/**
 * The image distances of this project as SciJava Ops:
 * <ul>
 * <li>{@value #W1} — wavelet Earth mover's distance (W1 approximation of
 * Shirdhonkar and Jacobs, with the reference settings sym5, 6 levels, zero
 * boundary mode);</li>
 * <li>{@value #L2} — Euclidean distance.</li>
 * </ul>
 * Each op takes two square 2D images of equal size and any real type and
 * returns a {@link Double}: the plain distance between the two images as given,
 * with no mask and no rotational search (the classifier adds those).
 * <p>
 * The ops are declared twice, for both discovery mechanisms of SciJava Ops:
 * the implementation-note ("op names=…") javadoc tags of the methods are read
 * at compile time by scijava-ops-indexer into {@code ops.yaml} (how the ops are
 * found on the class path), and the {@link OpMethod} annotations of this
 * {@link OpCollection} serve {@code OpEnvironment.register(new DistanceOps())}
 * and module-path discovery. No {@code META-INF/services} entry is shipped, so
 * the ops are not registered twice.
 * </p>
 */
public class DistanceOps implements OpCollection {

	/** Name of the W1 distance op. */
	public static final String W1 = "cryoem.distanceW1";
	/** Name of the L2 distance op. */
	public static final String L2 = "cryoem.distanceL2";

	/**
	 * Wavelet Earth mover's (W1) distance between two images.
	 *
	 * @param a the first image: square, 2D
	 * @param b the second image: 2D, same size as {@code a}
	 * @return the W1 distance
	 * @implNote op names='cryoem.distanceW1'
	 */
	@OpMethod(names = W1, type = BiFunction.class)
	public static <T extends RealType<T>, U extends RealType<U>> Double distanceW1(
		final RandomAccessibleInterval<T> a, final RandomAccessibleInterval<U> b)
	{
		final ClassificationParameters defaults = new ClassificationParameters();
		return distance(Metrics.create(W1Metric.NAME, defaults.wavelet, defaults.levels,
			defaults.mode), a, b);
	}

	/**
	 * Euclidean (L2) distance between two images: the square root of the sum of
	 * squared pixel differences.
	 *
	 * @param a the first image: square, 2D
	 * @param b the second image: 2D, same size as {@code a}
	 * @return the L2 distance
	 * @implNote op names='cryoem.distanceL2'
	 */
	@OpMethod(names = L2, type = BiFunction.class)
	public static <T extends RealType<T>, U extends RealType<U>> Double distanceL2(
		final RandomAccessibleInterval<T> a, final RandomAccessibleInterval<U> b)
	{
		return distance(new L2Metric(), a, b);
	}

	private static Double distance(final Metric metric, final RandomAccessibleInterval<?
		extends RealType<?>> a, final RandomAccessibleInterval<? extends RealType<?>> b)
	{
		final ParticleStack sa = single(a, "first"), sb = single(b, "second");
		if (sa.size() != sb.size()) throw new IllegalArgumentException("Images differ in size: " +
			sa.size() + "×" + sa.size() + " and " + sb.size() + "×" + sb.size());
		final int n = sa.size();
		final float[] ea = new float[metric.embeddingLength(n)];
		final float[] eb = new float[ea.length];
		metric.embed(sa.image(0), n, ea);
		metric.embed(sb.image(0), n, eb);
		return metric.distance(ea, eb);
	}

	private static ParticleStack single(final RandomAccessibleInterval<? extends RealType<?>> img,
		final String which)
	{
		final ParticleStack s = ImgLib2Particles.toParticleStack(img);
		if (s.count() != 1) throw new IllegalArgumentException("The " + which +
			" image must be 2D, got a stack of " + s.count());
		return s;
	}
}
