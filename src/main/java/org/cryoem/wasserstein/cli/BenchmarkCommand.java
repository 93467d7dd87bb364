package org.cryoem.wasserstein.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.MrcData;
import org.cryoem.wasserstein.io.SimulationFiles;
import org.cryoem.wasserstein.io.TiffReader;
import org.cryoem.wasserstein.simulate.Simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times the classifier on simulated noisy projections (or an input stack) and
 * prints one JSON object. Without {@code --input}, images are simulated by
 * {@link Simulator} exactly as the {@code simulate} command does (projections
 * of {@code --map} at orientations uniform on SO(3), one per image, white
 * Gaussian noise with σ² = mean squared clean pixel / SNR); {@code
 * --save-input DIR} keeps them for later runs with {@code --input}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
	description = "Time the rotation-invariant k-means on simulated or given particles; prints JSON.")
public final class BenchmarkCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--count", paramLabel = "N", description = "Number of images (default ${DEFAULT-VALUE})")
	int count = 10000;
	@Option(names = "--size", paramLabel = "S", description = "Image edge length (default ${DEFAULT-VALUE})")
	int size = 128;
	@Option(names = "--classes", paramLabel = "K", description = "Number of classes k (default ${DEFAULT-VALUE})")
	int classes = 150;
	@Option(names = "--rotations", paramLabel = "M", description = "Number of rotations m (default ${DEFAULT-VALUE})")
	int rotations = 200;
	@Option(names = "--iterations", paramLabel = "T", description = "Lloyd iterations (default ${DEFAULT-VALUE})")
	int iterations = 2;
	@Option(names = "--metric", paramLabel = "w1|l2", description = "w1 or l2 (default ${DEFAULT-VALUE})")
	String metric = "w1";
	@Option(names = "--search", paramLabel = "fast|exhaustive", description = "fast or exhaustive (default ${DEFAULT-VALUE})")
	String search = "fast";
	@Option(names = "--threads", paramLabel = "P", description = "Worker threads, 0 = all (default ${DEFAULT-VALUE})")
	int threads = 0;
	@Option(names = "--seed", paramLabel = "SEED", description = "Random seed (default ${DEFAULT-VALUE})")
	long seed = 1;
	@Option(names = "--verify", paramLabel = "N",
		description = "Also compare fast and exhaustive on the first N images (0 = off)")
	int verify = 0;
	@Option(names = "--input", paramLabel = "STACK", description = "MRC or TIFF stack instead of simulated images")
	Path input;
	@Option(names = "--map", paramLabel = "MAP", description = "Density map (MRC) to project (default ${DEFAULT-VALUE})")
	Path map = Paths.get("../shared/data/maps/4v7r.mrc");
	@Option(names = "--snr", paramLabel = "X", description = "Signal-to-noise ratio, mean squared clean pixel / noise variance (default 1/12)")
	double snr = 1.0 / 12;
	@Option(names = "--save-input", paramLabel = "DIR",
		description = "Also write the simulated stack (particles.mrcs, clean.mrcs, truth.star) to DIR, for reuse with --input DIR/particles.mrcs")
	Path saveInput;

	@Override
	public Integer call() throws IOException {
		final long t0 = System.nanoTime();
		final ParticleStack stack = input != null ? read(input, count) : simulate();
		final double setup = (System.nanoTime() - t0) / 1e9;
		resetPeaks();
		final ClassificationParameters p = parameters(classes, search);
		final ClassificationResult r = Classifier.classify(stack, p, null);
		final long peak = peakHeapBytes();
		final StringBuilder json = new StringBuilder("{");
		field(json, "metric", '"' + metric.toLowerCase(Locale.ROOT) + '"');
		field(json, "search", '"' + search.toLowerCase(Locale.ROOT) + '"');
		field(json, "count", stack.count());
		field(json, "size", stack.size());
		field(json, "classes", classes);
		field(json, "rotations", rotations);
		field(json, "threads", p.effectiveThreads());
		field(json, "kernel", '"' + Metrics.kernel() + '"');
		field(json, "setup_seconds", round(setup));
		field(json, "init_seconds", round(r.initSeconds));
		final StringBuilder secs = new StringBuilder("[");
		for (int t = 0; t < r.secondsPerIteration.length; t++)
			secs.append(t == 0 ? "" : ", ").append(round(r.secondsPerIteration[t]));
		field(json, "seconds_per_iteration", secs.append(']'));
		field(json, "pruned_percent", round(r.prunedPercent));
		field(json, "sparse_percent", round(r.sparsePercent));
		field(json, "embed_seconds_total", round(r.embedSeconds));
		field(json, "compare_seconds_total", round(r.searchSeconds));
		field(json, "peak_heap_mb", peak >> 20);
		field(json, "max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
		if (verify > 0) field(json, "mismatches", verify(stack));
		json.setLength(json.length() - 2);
		final PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out,
			true);
		out.println(json.append('}'));
		out.flush();
		return 0;
	}

	private ClassificationParameters parameters(final int k, final String strategy) {
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = metric;
		p.classes = k;
		p.rotations = rotations;
		p.maxIterations = iterations;
		p.seed = seed;
		p.threads = threads;
		p.search = strategy;
		return p;
	}

	/** Fast versus exhaustive on the first N images: images whose class, rotation or distance differ. */
	private int verify(final ParticleStack stack) {
		final int n = Math.min(verify, stack.count());
		final float[][] first = new float[n][];
		for (int i = 0; i < n; i++)
			first[i] = stack.image(i);
		final ParticleStack sub = new ParticleStack(stack.size(), first);
		final int k = Math.min(classes, n);
		final ClassificationResult f = Classifier.classify(sub, parameters(k, "fast"), null);
		final ClassificationResult e = Classifier.classify(sub, parameters(k, "exhaustive"), null);
		int mismatches = 0;
		for (int i = 0; i < n; i++) {
			if (f.classOf[i] != e.classOf[i] || f.rotationOf[i] != e.rotationOf[i] || Double
				.doubleToLongBits(f.distanceOf[i]) != Double.doubleToLongBits(e.distanceOf[i])) mismatches++;
		}
		if (!Arrays.equals(f.loss, e.loss)) mismatches = Math.max(mismatches, 1);
		return mismatches;
	}

	private static ParticleStack read(final Path file, final int count) throws IOException {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".tif") && !name.endsWith(".tiff")) return Mrc.readStack(file, count);
		final ParticleStack all = TiffReader.readStack(file);
		if (all.count() <= count) return all;
		final float[][] first = new float[count][];
		for (int i = 0; i < count; i++)
			first[i] = all.image(i);
		return new ParticleStack(all.size(), first);
	}

	/**
	 * Noisy projections of {@code --map} with the project's simulator (one
	 * uniformly random orientation per image, σ² = mean squared clean pixel /
	 * SNR), written to {@code --save-input} if given.
	 */
	private ParticleStack simulate() throws IOException {
		final MrcData data = Mrc.read(map);
		final Simulator.Parameters p = SimulateCommand.parameters(count, size, snr, seed, threads,
			false);
		final Simulator.Simulation sim = Simulator.simulate(SimulateCommand.projector(map, data), p,
			null);
		if (saveInput != null) {
			final double pixel = data.voxelSize() > 0 ? data.voxelSize() * data.nx() / size
				: Double.NaN;
			SimulationFiles.write(saveInput, sim.noisy, sim.clean, sim.angles, pixel);
		}
		return sim.noisy;
	}

	private static void resetPeaks() {
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
	}

	private static long peakHeapBytes() {
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		return peak;
	}

	private static double round(final double x) {
		return Math.round(x * 1000) / 1000.0;
	}

	private static void field(final StringBuilder json, final String name, final Object value) {
		json.append('"').append(name).append("\": ").append(value).append(", ");
	}
}
