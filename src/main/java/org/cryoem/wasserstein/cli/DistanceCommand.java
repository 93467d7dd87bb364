package org.cryoem.wasserstein.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.distance.RotationalSearch;
import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.io.ParticleFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code distance A B}: the distance between two single images. */
@Command(name = "distance", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Print the distance between two images as one number.", "",
		"A and B are single images: an .mrc/.tif holding one image, or N@stack.mrcs (1-based N). " +
			"They are compared as they are, unmasked unless --mask-radius is given. With " +
			"--rotations M, B is rotated over M angles and the least distance and its angle " +
			"(degrees; positive = clockwise on screen) are printed." })
final class DistanceCommand implements Callable<Integer> {

	private final ClassificationParameters defaults = new ClassificationParameters();

	@Parameters(index = "0", paramLabel = "A", description = "First image.")
	String a;

	@Parameters(index = "1", paramLabel = "B", description = "Second image (the one rotated).")
	String b;

	@Option(names = "--metric", paramLabel = "w1|l2", description = "Distance (default: ${DEFAULT-VALUE}).")
	String metric = defaults.metric;

	@Option(names = "--rotations", paramLabel = "M",
		description = "Minimise over M in-plane rotations of B and print distance and angle.")
	Integer rotations;

	@Option(names = "--mask-radius", paramLabel = "R",
		description = "Apply a circular mask of radius R pixels to both images first.")
	Double maskRadius;

	@Option(names = "--wavelet", paramLabel = "NAME", description = "W1 wavelet (default: ${DEFAULT-VALUE}).")
	String wavelet = defaults.wavelet;

	@Option(names = "--levels", paramLabel = "L", description = "W1 DWT levels (default: ${DEFAULT-VALUE}).")
	int levels = defaults.levels;

	@Option(names = "--mode", paramLabel = "MODE", description = "W1 boundary mode (default: ${DEFAULT-VALUE}).")
	String mode = defaults.mode;

	@Override
	public Integer call() throws Exception {
		final Metric m = Metrics.create(metric, wavelet, levels, mode);
		final ParticleFiles.Loaded ia = ParticleFiles.readImage(a);
		final ParticleFiles.Loaded ib = ParticleFiles.readImage(b);
		final int size = ia.stack.size();
		if (ib.stack.size() != size) throw new IllegalArgumentException("The images differ in size: " +
			size + "×" + size + " and " + ib.stack.size() + "×" + ib.stack.size());
		float[] pa = ia.stack.image(0), pb = ib.stack.image(0);
		if (maskRadius != null) {
			final CircularMask mask = new CircularMask(size, maskRadius);
			final float[] ma = new float[pa.length], mb = new float[pb.length];
			mask.apply(pa, ma);
			mask.apply(pb, mb);
			pa = ma;
			pb = mb;
		}
		if (rotations == null) {
			final float[] ea = new float[m.embeddingLength(size)], eb = new float[ea.length];
			m.embed(pa, size, ea);
			m.embed(pb, size, eb);
			System.out.println(format(m.distance(ea, eb)));
		}
		else {
			final RotationalSearch.Match match = RotationalSearch.best(m, pa, pb, size, rotations);
			System.out.println(format(match.distance) + " " + format(match.angleDegrees));
		}
		return 0;
	}

	private static String format(final double v) {
		return String.format(Locale.ROOT, "%.9g", v);
	}
}
