package org.cryoem.wasserstein.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.io.ParticleInput;
import org.cryoem.wasserstein.io.StarOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classify INPUT --output DIR ...}: the whole classification run. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Classify a stack of particle images into k rotation-invariant classes.", "",
		"INPUT is an .mrcs, .mrc or .tif stack of square images, or a RELION/cryoSPARC",
		".star file whose _rlnImageName entries (N@stack) name the images. DIR receives:",
		"  class_averages.mrcs  one average per class, largest class first",
		"  particles.star       per image: class, angle (_rlnAnglePsi), distance",
		"                       (a STAR input is kept whole, with these columns added)",
		"  classes.csv          class, occupancy, mean distance",
		"  occupancy.png        occupancy histogram",
		"  run.json             parameters, version, loss and seconds per iteration", "" })
final class ClassifyCommand implements Callable<Integer> {

	private final ClassificationParameters defaults = new ClassificationParameters();

	@Parameters(index = "0", paramLabel = "INPUT", description = "Particle stack (.mrcs, .mrc or .tif) or STAR file (.star).")
	Path input;

	@Option(names = "--output", required = true, paramLabel = "DIR",
		description = "Output directory (created if missing).")
	Path output;

	@Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: ${DEFAULT-VALUE}).")
	int classes = defaults.classes;

	@Option(names = "--metric", paramLabel = "w1|l2",
		description = "Distance: w1 (wavelet Earth mover's) or l2 (default: ${DEFAULT-VALUE}).")
	String metric = defaults.metric;

	@Option(names = "--rotations", paramLabel = "M",
		description = "In-plane rotations over 360° (default: ${DEFAULT-VALUE}, i.e. 1.8° steps).")
	int rotations = defaults.rotations;

	@Option(names = "--max-iterations", paramLabel = "T",
		description = "Cap on Lloyd iterations (default: ${DEFAULT-VALUE}).")
	int maxIterations = defaults.maxIterations;

	@Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed = defaults.seed;

	@Option(names = "--threads", paramLabel = "P",
		description = "Worker threads; 0 = all cores (default: ${DEFAULT-VALUE}). Results do not depend on it.")
	int threads = defaults.threads;

	@Option(names = "--mask-radius", paramLabel = "R",
		description = "Circular mask radius in pixels; -1 = (N-1)/2, 0 = no mask (default: ${DEFAULT-VALUE}).")
	double maskRadius = defaults.maskRadius;

	@Option(names = "--wavelet", paramLabel = "NAME",
		description = "W1 wavelet, PyWavelets name (default: ${DEFAULT-VALUE}).")
	String wavelet = defaults.wavelet;

	@Option(names = "--levels", paramLabel = "L", description = "W1 DWT levels (default: ${DEFAULT-VALUE}).")
	int levels = defaults.levels;

	@Option(names = "--mode", paramLabel = "MODE",
		description = "W1 DWT boundary mode: zero, constant, symmetric, periodic, periodization (default: ${DEFAULT-VALUE}).")
	String mode = defaults.mode;

	@Option(names = "--search", paramLabel = "fast|exhaustive",
		description = "Nearest-centroid search: fast (exact pruning, same answer) or exhaustive (plain reference loop) (default: ${DEFAULT-VALUE}).")
	String search = defaults.search;

	@Option(names = "--box", paramLabel = "S",
		description = "Fourier-crop the images to S×S before classifying; 0 = keep the size (default: ${DEFAULT-VALUE}). The pixel size grows by N/S.")
	int box = 0;

	@Option(names = "--normalize",
		description = "Zero mean and unit standard deviation of the background outside the mask radius, as relion_preprocess --norm (default: off).")
	boolean normalize;

	@Option(names = "--invert", description = "Invert the contrast (default: off).")
	boolean invert;

	@Option(names = { "-q", "--quiet" }, description = "No progress on standard error.")
	boolean quiet;

	@Override
	public Integer call() throws Exception {
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = classes;
		p.metric = metric.toLowerCase(Locale.ROOT);
		p.rotations = rotations;
		p.maxIterations = maxIterations;
		p.seed = seed;
		p.threads = threads;
		p.maskRadius = maskRadius;
		p.wavelet = wavelet;
		p.levels = levels;
		p.mode = mode;
		p.search = search.toLowerCase(Locale.ROOT);

		final Preprocessing prep = new Preprocessing();
		prep.box = box;
		prep.normalize = normalize;
		prep.invert = invert;
		final ParticleInput loaded = ParticleInput.read(input, prep, p);
		final ParticleStack working = loaded.stack;
		if (!quiet) System.err.printf(Locale.ROOT, "Read %d images of %d×%d from %s%s%n", loaded.stack
			.count(), loaded.rawSize, loaded.rawSize, input, loaded.star == null ? "" : " (" +
				loaded.star.stackCount + (loaded.star.stackCount == 1 ? " stack)" : " stacks)"));
		if (!quiet && prep.isActive()) System.err.printf(Locale.ROOT, "Preprocessing: %s%n", prep);
		final ClassificationResult result = Classifier.classify(working, p,
			new ConsoleProgress(System.err, quiet));
		StarOutput.write(output, loaded, p, result);
		double total = 0, loss = Double.POSITIVE_INFINITY;
		for (final double s : result.secondsPerIteration) total += s;
		for (final double l : result.loss) loss = Math.min(loss, l);
		System.out.printf(Locale.ROOT,
			"%d images -> %d classes (largest %d, smallest %d) in %d iterations, " +
				"loss %.6g, %.1f s init + %.1f s iterations; wrote %s%n", result.particleCount(),
			result.classCount(), result.occupancy[0], result.occupancy[result.classCount() - 1], result
				.iterations(), loss, result.initSeconds, total, output);
		return 0;
	}
}
