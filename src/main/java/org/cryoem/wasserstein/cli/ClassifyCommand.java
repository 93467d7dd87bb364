package org.cryoem.wasserstein.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.cluster.InputCheck;
import org.cryoem.wasserstein.cluster.MemoryEstimate;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.io.CheckpointFiles;
import org.cryoem.wasserstein.io.InputSize;
import org.cryoem.wasserstein.io.OutputGuard;
import org.cryoem.wasserstein.io.ParticleInput;
import org.cryoem.wasserstein.io.PreprocessingRecord;
import org.cryoem.wasserstein.io.StarOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
		"  run.json             parameters, version, loss and seconds per iteration", "",
		"DIR/checkpoint/ holds the run's state after every iteration while it runs;",
		"if the run is killed, 'classify --resume DIR' continues it to the same",
		"result. A DIR that already holds results is refused unless --overwrite is",
		"given.", "" })
final class ClassifyCommand implements Callable<Integer> {

	private final ClassificationParameters defaults = new ClassificationParameters();

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
		description = "Particle stack (.mrcs, .mrc or .tif) or STAR file (.star); with --resume, optional (default: the checkpoint's input).")
	Path input;

	@Option(names = "--output", paramLabel = "DIR",
		description = "Output directory (created if missing); required unless --resume is given.")
	Path output;

	@Option(names = "--overwrite",
		description = "Replace the results (and any checkpoint) already in DIR.")
	boolean overwrite;

	@Option(names = "--resume", paramLabel = "DIR",
		description = "Continue the interrupted run whose checkpoint is in DIR/checkpoint, with its parameters; it ends with the same result as an uninterrupted run.")
	Path resume;

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

	/** Options that determine the result: on --resume they must equal the checkpoint's. */
	private static final String[] RESULT_OPTIONS = { "--classes", "--metric", "--rotations",
		"--max-iterations", "--seed", "--mask-radius", "--wavelet", "--levels", "--mode" };

	@Override
	public Integer call() throws Exception {
		if (resume != null) return resume();
		if (input == null) throw new IllegalArgumentException(
			"Missing INPUT (or --resume DIR to continue an interrupted run)");
		if (output == null) throw new IllegalArgumentException("Missing required option --output=DIR");
		final ClassificationParameters p = parameters();
		p.validate(Integer.MAX_VALUE, 16); // parameters alone, before reading anything
		OutputGuard.check(output, overwrite, "--overwrite");
		checkMemory(input, p);

		final Preprocessing prep = preprocessing();
		final ParticleInput loaded = ParticleInput.read(input, prep, p);
		warn(InputCheck.check(loaded.stack).warning());
		if (!quiet) System.err.printf(Locale.ROOT, "Read %d images of %d×%d from %s%s%n", loaded.stack
			.count(), loaded.rawSize, loaded.rawSize, input, loaded.star == null ? "" : " (" +
				loaded.star.stackCount + (loaded.star.stackCount == 1 ? " stack)" : " stacks)"));
		if (!quiet && prep.isActive()) System.err.printf(Locale.ROOT, "Preprocessing: %s%n", prep);
		if (overwrite && Files.isDirectory(output)) OutputGuard.clearPreviousResults(output);
		final CheckpointFiles checkpoint = CheckpointFiles.start(output, p, input, loaded.name(),
			loaded.stack, loaded.workingPixelSize());
		PreprocessingRecord.save(output, prep);
		return finish(loaded, p, checkpoint);
	}

	/** {@code --resume DIR}: the checkpoint's parameters and input, conflicts refused. */
	private Integer resume() throws Exception {
		if (overwrite) throw new IllegalArgumentException("--overwrite and --resume cannot be combined");
		if (output != null && !output.toAbsolutePath().normalize().equals(resume.toAbsolutePath()
			.normalize())) throw new IllegalArgumentException("--output " + output +
				" conflicts with --resume " + resume + "; a resumed run writes into its own directory");
		final CheckpointFiles.Saved saved = CheckpointFiles.read(resume);
		final ClassificationParameters given = parameters(), p = saved.params.copy();
		final ParseResult parsed = spec.commandLine().getParseResult();
		final Object[][] pairs = { { given.classes, p.classes }, { given.metric, p.metric }, {
			given.rotations, p.rotations }, { given.maxIterations, p.maxIterations }, { given.seed,
				p.seed }, { given.maskRadius, p.maskRadius }, { given.wavelet, p.wavelet }, {
					given.levels, p.levels }, { given.mode, p.mode } };
		for (int i = 0; i < RESULT_OPTIONS.length; i++)
			if (parsed.hasMatchedOption(RESULT_OPTIONS[i])) CheckpointFiles.requireSame(
				RESULT_OPTIONS[i], pairs[i][0], pairs[i][1]);
		// neither changes the result
		if (parsed.hasMatchedOption("--threads")) p.threads = given.threads;
		if (parsed.hasMatchedOption("--search")) p.search = given.search;

		final Path in = input != null ? input : Paths.get(saved.input);
		checkMemory(in, p);
		final Preprocessing prep = PreprocessingRecord.load(resume);
		if (parsed.hasMatchedOption("--box") || parsed.hasMatchedOption("--normalize") || parsed
			.hasMatchedOption("--invert"))
		{
			CheckpointFiles.requireSame("the preprocessing", preprocessing().toString(), prep.toString());
		}
		final ParticleInput loaded = ParticleInput.read(in, prep, p);
		if (loaded.stack.count() != saved.imageCount || loaded.stack.size() != saved.imageSize ||
			CheckpointFiles.checksum(loaded.stack) != saved.inputChecksum)
		{
			throw new IllegalArgumentException(in + " is not the input the checkpoint in " + resume +
				" was made from (" + saved.input + ")");
		}
		warn(InputCheck.check(loaded.stack).warning());
		if (!quiet) System.err.printf(Locale.ROOT, "Resuming %s after iteration %d of %d%n", resume,
			saved.state.iteration, p.maxIterations);
		output = resume;
		return finish(loaded, p, CheckpointFiles.resume(resume, saved, p));
	}

	/** Classifies with checkpoints, writes the results, then deletes the checkpoint. */
	private Integer finish(final ParticleInput loaded, final ClassificationParameters p,
		final CheckpointFiles checkpoint) throws IOException
	{
		final ClassificationResult result = Classifier.classify(loaded.stack, p,
			new ConsoleProgress(System.err, quiet), checkpoint);
		StarOutput.write(output, loaded, p, result);
		checkpoint.delete();
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

	/** Refuses, from the file's header alone, an input too large for the heap. */
	private static void checkMemory(final Path file, final ClassificationParameters p)
		throws IOException
	{
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) return; // reported by the reader
		final InputSize claimed = InputSize.peek(file);
		if (claimed != null) MemoryEstimate.checkBeforeLoading(claimed.count, claimed.size, p);
	}

	private void warn(final String warning) {
		if (warning != null) System.err.println("warning: " + warning);
	}

	/** @return the preprocessing as given on the command line */
	private Preprocessing preprocessing() {
		final Preprocessing prep = new Preprocessing();
		prep.box = box;
		prep.normalize = normalize;
		prep.invert = invert;
		return prep;
	}

	/** @return the parameters as given on the command line (or their defaults) */
	private ClassificationParameters parameters() {
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
		return p;
	}
}
